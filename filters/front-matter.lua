--[[
front-matter.lua – abstracts and keywords of every language, at the head of the body.

Reads the metadata field `front-parts` (lang, title, subtitle, abstract-label, paragraphs, keywords-label,
keywords; the main language first) and inserts one section per language, each marked with its
language (`lang`) so that readers, screen readers and hyphenation treat it right. The main
title is the template's; the titles in the other languages head their abstracts.

Copyright 2026 the galley authors. MIT License.
]]

local stringify = pandoc.utils.stringify

local function part_blocks(part, is_main)
  local lang = stringify(part.lang)
  local blocks = { pandoc.Header(1, pandoc.Inlines(part['abstract-label']), { id = 'abstract-' .. lang, class = 'unnumbered' }) }
  if not is_main and part.title then
    local title = pandoc.Inlines { pandoc.Strong(pandoc.Inlines(part.title)) }
    if part.subtitle and #stringify(part.subtitle) > 0 then
      title:extend { pandoc.Str ':', pandoc.Space() }
      title:extend(pandoc.Inlines(part.subtitle))
    end
    blocks[#blocks + 1] = pandoc.Para(title)
  end
  for _, paragraph in ipairs(part.paragraphs or {}) do
    blocks[#blocks + 1] = pandoc.Para(pandoc.Inlines(paragraph))
  end
  if part.keywords and #part.keywords > 0 then
    local terms = pandoc.Inlines { pandoc.Strong(stringify(part['keywords-label']) .. ':'), pandoc.Space() }
    for i, term in ipairs(part.keywords) do
      if i > 1 then
        terms:extend { pandoc.Str ',', pandoc.Space() }
      end
      terms:extend(pandoc.Inlines(term))
    end
    blocks[#blocks + 1] = pandoc.Para(terms)
  end
  return pandoc.Div(blocks, { class = 'abstract', lang = lang })
end

function Pandoc(doc)
  local parts = doc.meta['front-parts']
  if not parts or #parts == 0 then
    return nil
  end
  local front = {}
  for i, part in ipairs(parts) do
    front[#front + 1] = part_blocks(part, i == 1)
  end
  if FORMAT:match 'epub' then
    -- Each abstract a chapter of its own, listed in the navigation document; and a book that opens
    -- on a section keeps pandoc from opening it on a chapter that repeats the title page's title.
    for i = #front, 1, -1 do
      doc.blocks:insert(1, front[i])
    end
    return doc
  end
  doc.blocks:insert(1, pandoc.Div(front, { id = 'front-matter', class = 'front-matter' }))
  return doc
end
