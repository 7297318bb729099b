# One rule per stage of an article: normalize → structure → citations → the four writers → report.


rule normalize:
    message:
        "{wildcards.slug}: normalize the raw text"
    input:
        source=f"{SOURCES}/{{slug}}/article.txt",
        editor=editor_metadata,  # its `restorations`: lost letters the editor confirmed
        words=journal_word_list,  # sources/words.txt: the journal's terms, never warned about in spelling
    output:
        text=work("normalized.txt"),
        report=work("normalize.json"),
    params:
        editor=lambda wildcards, input: input.editor[0] if input.editor else "",
        code=CODE,
        max_megabytes=SETTINGS["article_max_megabytes"],
    log:
        log("normalize"),
    run:
        galley("normalize", input.source, output.text, output.report, params.editor, params.max_megabytes,
               first(input.words), log=log[0])


rule structure:
    message:
        "{wildcards.slug}: rebuild the article's structure"
    input:
        text=rules.normalize.output.text,
        report=rules.normalize.output.report,
        editor=editor_metadata,
        editor_files=editor_files,
    output:
        article=f"{OUT}/{{slug}}/{{slug}}.md",
        report=work("structure.json"),
    params:
        editor=lambda wildcards, input: input.editor[0] if input.editor else "",
        code=CODE,
    log:
        log("structure"),
    run:
        galley("structure", input.text, input.report, params.editor, output.article, output.report, log=log[0])


rule citations:
    message:
        "{wildcards.slug}: format the references with the journal's CSL style"
    input:
        article=rules.structure.output.article,
        issue_file=issue_file,
    output:
        references=work("references.json"),
    params:
        code=CODE,
        styles=STYLE_DIGESTS["citations"],
        settings=SETTINGS_KEY,
        issue_file=lambda wildcards, input: input.issue_file[0] if input.issue_file else "",
    log:
        log("citations"),
    run:
        galley("citations", input.article, SETTINGS, output.references, params.issue_file, log=log[0])


rule jats:
    message:
        "{wildcards.slug}: write JATS XML"
    input:
        article=rules.structure.output.article,
        references=rules.citations.output.references,
        plan=issue_plan,
    output:
        xml=f"{OUT}/{{slug}}/{{slug}}.xml",
    params:
        code=CODE,
        styles=STYLE_DIGESTS["jats"],
        settings=SETTINGS_KEY,
    log:
        log("jats"),
    run:
        galley("jats", input.article, input.references, SETTINGS, output.xml, first(input.plan), log=log[0])


rule html:
    message:
        "{wildcards.slug}: write the HTML galley"
    input:
        article=rules.structure.output.article,
        references=rules.citations.output.references,
        plan=issue_plan,
    output:
        html=f"{OUT}/{{slug}}/{{slug}}.html",
    params:
        code=CODE,
        styles=STYLE_DIGESTS["html"],
        settings=SETTINGS_KEY,
    log:
        log("html"),
    run:
        galley("html", input.article, input.references, SETTINGS, output.html, first(input.plan), log=log[0])


rule fonts:
    message:
        "the EPUB fonts, subset once to the characters most books show"
    # first of the ready jobs: every EPUB waits for it, and run last it left a core idle
    priority: 1
    output:
        fonts=f"{OUT}/issue/work/epub-fonts.zip",
    params:
        code=CODE,
    log:
        f"{OUT}/issue/logs/fonts.log",
    run:
        galley("fonts", output.fonts, log=log[0])


rule epub:
    message:
        "{wildcards.slug}: write EPUB 3"
    input:
        article=rules.structure.output.article,
        references=rules.citations.output.references,
        fonts=rules.fonts.output.fonts,
    output:
        epub=f"{OUT}/{{slug}}/{{slug}}.epub",
    params:
        code=CODE,
        styles=STYLE_DIGESTS["epub"],
        settings=SETTINGS_KEY,
    log:
        log("epub"),
    run:
        galley("epub", input.article, input.references, SETTINGS, output.epub, input.fonts, log=log[0])


rule crossref:
    message:
        "{wildcards.slug}: write the Crossref deposit"
    input:
        article=rules.structure.output.article,
        references=rules.citations.output.references,
        plan=issue_plan,
    output:
        # A proof, or an article Crossref would refuse, has no deposit, and Snakemake needs an output
        # either way: the record says which, and what to supply.
        facts=work("crossref.json"),
    params:
        # The deposit is written only for a final article whose metadata Crossref's requirements
        # are met by, so it cannot be a declared output.
        deposit=lambda wildcards: f"{OUT}/{wildcards.slug}/{wildcards.slug}.crossref.xml",
        code=CODE,
        settings=SETTINGS_KEY,
    log:
        log("crossref"),
    run:
        galley("crossref", input.article, input.references, SETTINGS, params.deposit, output.facts, first(input.plan),
               log=log[0])


rule pdf:
    message:
        "{wildcards.slug}: typeset the PDF"
    input:
        article=rules.structure.output.article,
        references=rules.citations.output.references,
    output:
        # unnumbered: its page numbers come from the issue's plan (rule folios)
        pdf=work("typeset.pdf"),
        facts=work("pdf.json"),
    params:
        code=CODE,
        styles=STYLE_DIGESTS["pdf"],
        settings=SETTINGS_KEY,
    log:
        log("pdf"),
    run:
        galley("pdf", input.article, input.references, SETTINGS, "", output.pdf, output.facts, log=log[0])


rule folios:
    message:
        "{wildcards.slug}: number the PDF's pages (from the issue's plan when the issue file lists it)"
    input:
        typeset=rules.pdf.output.pdf,
        facts=rules.pdf.output.facts,
        plan=issue_plan,
        folios=issue_folios,
        jats=rules.jats.output.xml,
    output:
        pdf=f"{OUT}/{{slug}}/{{slug}}.pdf",
    params:
        code=CODE,
        settings=SETTINGS_KEY,
    log:
        log("folios"),
    run:
        galley("folios", input.typeset, first(input.plan), first(input.folios), SETTINGS, input.jats, output.pdf,
               input.facts, log=log[0])


rule report:
    message:
        "{wildcards.slug}: gather the report"
    input:
        normalize=rules.normalize.output.report,
        structure=rules.structure.output.report,
        citations=rules.citations.output.references,
        pdf=rules.pdf.output.facts,
        crossref=[rules.crossref.output.facts] if DEPOSITS else [],
        # after the writers that do not wait for the issue's page plan: a change to one article
        # then rebuilds its report and proof only, even when the plan renumbers the articles after it
        outputs=[rules.epub.output, rules.pdf.output],
    output:
        report=f"{OUT}/{{slug}}/{{slug}}.report.json",
    params:
        code=CODE,
    log:
        log("report"),
    run:
        stages = [input.normalize, input.structure, input.citations, input.pdf, *input.crossref]
        galley("report", output.report, stages, log=log[0])


rule proof:
    message:
        "{wildcards.slug}: write the editor's proofing page"
    input:
        report=rules.report.output.report,
    output:
        proof=f"{OUT}/{{slug}}/{{slug}}.proof.html",
    params:
        code=CODE,
        styles=STYLE_DIGESTS["proof"],
    log:
        log("proof"),
    run:
        galley("proof", input.report, output.proof, log=log[0])
