--[[
metadata.lua – the writers' metadata, read as plain text.

Each writer hands pandoc its template metadata (titles, abstracts, keywords, references of every
language) as a JSON file named by the variable `galley-metadata`. This filter, run first, puts it
in the document's metadata: strings become MetaString, which pandoc escapes for the output format
and never reads as Markdown — the author's text stays literal, and no Markdown parser runs over
each value (most of a writer's pandoc time before). Other filters read these values through
pandoc.Inlines.

Copyright 2026 the galley authors. MIT License.
]]

function Meta(meta)
  local path = PANDOC_WRITER_OPTIONS.variables['galley-metadata']
  if not path then
    return nil
  end
  local file = assert(io.open(tostring(path), 'r'))
  local values = pandoc.json.decode(file:read 'a', false)
  file:close()
  for key, value in pairs(values) do
    meta[key] = value
  end
  return meta
end
