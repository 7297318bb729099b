--[[
references.lua – the reference list, as citeproc-py formatted it, at the end of the body.

Reads the metadata field `refs` (id, label, text, missing, hints, cited-by, alternative), written by the pipeline's
citations stage, and appends a section "refs" with one entry per reference, each linking back to
the places that cite it (labelled in the document's language: `labels.backlink`). Entries missing from the source are shown as missing, with the
citation's context (and the author it names) as a hint for the editor. JATS gets its ref-list from the pipeline instead.

Copyright 2026 the galley authors. MIT License.
]]

local stringify = pandoc.utils.stringify

-- {ref-1: {cite-1, cite-4}}: the citations of each reference, as filters/citations.lua left them.
local function backlinks(meta)
  local found = {}
  for id, places in pairs(meta['cited-at'] or {}) do
    found[id] = {}
    for _, place in ipairs(places) do
      table.insert(found[id], stringify(place))
    end
  end
  return found
end

local function entry(ref, cited_at, back_label)
  local id = stringify(ref.id)
  -- a missing entry's text names its number already: "[5] — not in the source text"
  local inlines = ref.missing and pandoc.Inlines {}
    or pandoc.Inlines { pandoc.Span(stringify(ref.label) .. '.', { class = 'ref-label' }), pandoc.Space() }
  inlines:extend(pandoc.Inlines(ref.text))
  local blocks = { pandoc.Para(inlines) }
  if ref.alternative and #ref.alternative > 0 then
    -- the transliterated list that these journals print after the original one
    blocks[#blocks + 1] = pandoc.Div(pandoc.Para(pandoc.Inlines(ref.alternative)),
      { class = 'ref-alternative', lang = stringify(ref['alternative-lang'] or '') })
  end
  if ref.missing and ref.hints and #ref.hints > 0 then
    local hint = pandoc.Inlines { pandoc.Str(stringify(ref['context-label'] or '') .. ':'), pandoc.Space() }
    hint:extend(pandoc.Inlines(ref.hints[1]))
    blocks[#blocks + 1] = pandoc.Para { pandoc.Emph(hint) }
    local cited_by = stringify(ref['cited-by'] or '')
    if cited_by ~= '' then
      -- the author the citing sentence names: "Cited as by: Smith"
      local named = pandoc.Inlines(stringify(ref['cited-by-label']) .. ':')
      named:insert(pandoc.Space())
      named:extend(pandoc.Inlines(cited_by))
      blocks[#blocks + 1] = pandoc.Para { pandoc.Emph(named) }
    end
  end
  local back = pandoc.Inlines {}
  for i, cite_id in ipairs(cited_at[id] or {}) do
    back:extend { pandoc.Space(), pandoc.Link('↩' .. (i > 1 and tostring(i) or ''), '#' .. cite_id, '',
      { class = 'backlink', ['aria-label'] = back_label .. ' ' .. i }) }
  end
  if #back > 0 then
    blocks[1].content:extend(back)
  end
  local classes = ref.missing and { 'ref', 'missing' } or { 'ref' }
  -- role listitem: the list (pandoc marks div#refs role="list") must hold list items only
  return pandoc.Div(blocks, { id = id, class = table.concat(classes, ' '), role = 'listitem' })
end

function Pandoc(doc)
  if FORMAT:match 'jats' or not doc.meta.refs or #doc.meta.refs == 0 then
    return nil
  end
  local cited_at = backlinks(doc.meta)
  local back_label = stringify(doc.meta.labels.backlink)
  local entries = {}
  for _, ref in ipairs(doc.meta.refs) do
    entries[#entries + 1] = entry(ref, cited_at, back_label)
  end
  -- The heading stays outside the list: a list holds its items and nothing else.
  local heading = pandoc.Header(1, pandoc.Inlines(doc.meta['refs-title']), { id = 'references', class = 'unnumbered' })
  doc.blocks:insert(pandoc.Div({ heading, pandoc.Div(entries, { id = 'refs' }) }, { class = 'references' }))
  return doc
end
