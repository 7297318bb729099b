# The issue: its page plan, contents, archive and deposit over every article, then the static site.


rule pages:
    message:
        "issue: the page plan from the articles' page counts, and the folios to print"
    input:
        facts=expand(rules.pdf.output.facts, slug=LISTED),
        issue_file=issue_file,
    output:
        plan=f"{OUT}/issue/pages.json",
        folios=f"{OUT}/issue/folios.pdf",
    params:
        code=CODE,
        issue_file=lambda wildcards, input: input.issue_file[0] if input.issue_file else "",
    log:
        f"{OUT}/issue/logs/pages.log",
    run:
        galley("pages", params.issue_file, input.facts, output.plan, output.folios, log=log[0])


rule issue:
    message:
        "issue: contents, pages and the archive of galleys"
    input:
        canonical=each_article(rules.structure.output.article),
        references=each_article(rules.citations.output.references),
        report=each_article(rules.report.output.report),
        pdf_facts=each_article(rules.pdf.output.facts),
        xml=each_article(rules.jats.output.xml),
        pdf=each_article(rules.folios.output.pdf),
        epub=each_article(rules.epub.output.epub),
        html=each_article(rules.html.output.html),
        issue_file=issue_file,
    output:
        ISSUE_OUTPUTS,
    params:
        code=CODE,
        styles=STYLE_DIGESTS["issue"],
        settings=SETTINGS_KEY,
        out_dir=lambda wildcards, output: Path(output[0]).parent,
        issue_file=lambda wildcards, input: input.issue_file[0] if input.issue_file else "",
    log:
        f"{OUT}/issue/logs/issue.log",
    run:
        galley("issue", SETTINGS, params.issue_file, params.out_dir, articles_of(input, SLUGS), log=log[0])


rule site:
    message:
        "site: the issue's static site"
    input:
        toc=f"{OUT}/issue/toc.json",
        contents=f"{OUT}/issue/toc.pdf",
        xml=each_article(rules.jats.output.xml),
        pdf=each_article(rules.folios.output.pdf),
        epub=each_article(rules.epub.output.epub),
        html=each_article(rules.html.output.html),
    output:
        site=directory(f"{OUT}/site"),
    params:
        code=CODE,
        styles=STYLE_DIGESTS["site"],
    log:
        f"{OUT}/issue/logs/site.log",
    run:
        galley("site", input.toc, input.contents, output.site, articles_of(input, SLUGS), log=log[0])
