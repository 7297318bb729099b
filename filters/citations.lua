--[[
citations.lua – numeric citations linked to their references.

Each Pandoc citation [@ref-1, с. 152-167] is printed as the journal prints it, "[1, с. 152-167]",
with each number linked to its entry: an xref ref-type="bibr" in JATS, a link elsewhere. Every
occurrence gets an id (cite-1, cite-2, …) so that reference lists can link back to it.

Copyright 2026 the galley authors. MIT License.
]]

local stringify = pandoc.utils.stringify
local is_jats = FORMAT:match 'jats' ~= nil
local occurrence = 0

local function number_of(id)
  return id:match '^ref%-(.+)$' or id
end

local function linked_number(citation)
  local number = number_of(citation.id)
  if is_jats then
    return {
      pandoc.RawInline('jats', '<xref ref-type="bibr" rid="' .. citation.id .. '">'),
      pandoc.Str(number),
      pandoc.RawInline('jats', '</xref>'),
    }
  end
  return { pandoc.Link(number, '#' .. citation.id, '', { class = 'citation-ref' }) }
end

function Cite(cite)
  occurrence = occurrence + 1
  local inlines = pandoc.Inlines { pandoc.Str '[' }
  for i, citation in ipairs(cite.citations) do
    if i > 1 then
      inlines:extend { pandoc.Str ';', pandoc.Space() }
    end
    inlines:extend(linked_number(citation))
    inlines:extend(citation.suffix)
  end
  inlines:insert(pandoc.Str ']')
  if is_jats then
    return inlines
  end
  local targets = {}
  for _, citation in ipairs(cite.citations) do
    targets[#targets + 1] = citation.id
  end
  return pandoc.Span(inlines, {
    id = 'cite-' .. occurrence,
    class = 'citation',
    ['data-refs'] = table.concat(targets, ' '),
  })
end
