--[[
citations.lua – citations linked to their references.

Each Pandoc citation [@ref-1, с. 152-167] is printed as the journal prints it, "[1, с. 152-167]"
(numbers apart by "; ", or by ", " where a number's suffix is a lone comma: [@ref-2,; @ref-3] is "[2, 3]"),
with each number linked to its entry: an xref ref-type="bibr" in JATS, a link elsewhere. Every
occurrence gets an id (cite-1, cite-2, …) so that reference lists can link back to it.

An author-year citation arrives as a span [Smith, 2010]{.cite-ref ref="ref-12"} holding the text as
printed: that text becomes the link (an xref in JATS), with an id like the numeric ones.

Outside JATS, the occurrences of each reference are left in the metadata field `cited-at`
({ref-1: [cite-1, cite-4]}) for filters/references.lua's links back: walking the document again to
find them cost a writer's pandoc run a tenth of its time.

Copyright 2026 the galley authors. MIT License.
]]

local stringify = pandoc.utils.stringify
local is_jats = FORMAT:match 'jats' ~= nil
local occurrence = 0
local cited_at = {} -- reference id: the ids of the citations of it, in the text's order

local function record(id, targets)
  for _, target in ipairs(targets) do
    cited_at[target] = cited_at[target] or {}
    table.insert(cited_at[target], id)
  end
end

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

-- Runs of three or more consecutive numbers print as a range, [7-9], the last one's locator after it.
local function groups(citations)
  local result, i = {}, 1
  while i <= #citations do
    local j = i
    while j < #citations and #citations[j].suffix == 0
      and tonumber(number_of(citations[j + 1].id)) == (tonumber(number_of(citations[j].id)) or -2) + 1 do
      j = j + 1
    end
    -- the range's last number may carry a locator ("[4-6, p. 7]") or the comma the text printed
    -- before the next number ("[9-12, 14]"): it is printed after the range
    if j - i >= 2 then
      result[#result + 1] = { citations[i], citations[j] }
    else
      j = i
      result[#result + 1] = { citations[i] }
    end
    i = j + 1
  end
  return result
end

function Cite(cite)
  occurrence = occurrence + 1
  local inlines = pandoc.Inlines { pandoc.Str '[' }
  local separator = ';'
  for i, group in ipairs(groups(cite.citations)) do
    if i > 1 then
      inlines:extend { pandoc.Str(separator), pandoc.Space() }
    end
    inlines:extend(linked_number(group[1]))
    if group[2] then
      inlines:insert(pandoc.Str '-')
      inlines:extend(linked_number(group[2]))
    end
    -- A suffix of a comma alone is the separator the text printed before the next number ("[2, 3]").
    local suffix = group[#group].suffix
    separator = stringify(suffix) == ',' and ',' or ';'
    if separator == ';' then
      inlines:extend(suffix)
    end
  end
  inlines:insert(pandoc.Str ']')
  if is_jats then
    return inlines
  end
  local targets = {}
  for _, citation in ipairs(cite.citations) do
    targets[#targets + 1] = citation.id
  end
  record('cite-' .. occurrence, targets)
  return pandoc.Span(inlines, {
    id = 'cite-' .. occurrence,
    class = 'citation',
    ['data-refs'] = table.concat(targets, ' '),
  })
end

function Span(span)
  if not span.classes:includes 'cite-ref' then
    return nil
  end
  occurrence = occurrence + 1
  local id = span.attributes.ref
  if is_jats then
    local inlines = pandoc.Inlines { pandoc.RawInline('jats', '<xref ref-type="bibr" rid="' .. id .. '">') }
    inlines:extend(span.content)
    inlines:insert(pandoc.RawInline('jats', '</xref>'))
    return inlines
  end
  record('cite-' .. occurrence, { id })
  return pandoc.Span({ pandoc.Link(span.content, '#' .. id, '', { class = 'citation-ref' }) },
    { id = 'cite-' .. occurrence, class = 'citation', ['data-refs'] = id })
end

-- Runs after the inlines (pandoc applies a filter's functions type by type).
function Meta(meta)
  if is_jats or next(cited_at) == nil then
    return nil
  end
  meta['cited-at'] = cited_at
  return meta
end
