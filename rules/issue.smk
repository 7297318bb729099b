# The issue: contents, pages, archive and deposit over every article, then the static site.


rule issue:
    message:
        "issue: contents, pages and the archive of galleys"
    input:
        articles=expand(f"{OUT}/{{slug}}/{{slug}}.{{ext}}", slug=SLUGS, ext=["md", "report.json", *GALLEYS]),
        pages=expand(f"{OUT}/{{slug}}/work/pdf.json", slug=SLUGS),
        references=expand(f"{OUT}/{{slug}}/work/references.json", slug=SLUGS),
        issue_file=issue_file,
        config=CONFIG_FILE,
        styles=STYLE_FILES["issue"],
    output:
        ISSUE_OUTPUTS,
    params:
        code=CODE,
        out_dir=lambda wildcards, output: Path(output[0]).parent,
        issue_file=lambda wildcards, input: input.issue_file or "",
        article_dirs=lambda wildcards, input: article_folders(input.articles),
    log:
        f"{OUT}/issue/logs/issue.log",
    run:
        galley("issue", input.config, params.issue_file, params.out_dir, *params.article_dirs, log=log[0])


rule site:
    message:
        "site: the issue's static site"
    input:
        toc=f"{OUT}/issue/toc.json",
        contents=f"{OUT}/issue/toc.pdf",
        galleys=expand(f"{OUT}/{{slug}}/{{slug}}.{{ext}}", slug=SLUGS, ext=[*GALLEYS, "proof.html"]),
    output:
        site=directory(f"{OUT}/site"),
    params:
        code=CODE,
        issue_dir=lambda wildcards, input: Path(input.toc).parent,
        article_dirs=lambda wildcards, input: article_folders(input.galleys),
    log:
        f"{OUT}/issue/logs/site.log",
    run:
        galley("site", params.issue_dir, output.site, *params.article_dirs, log=log[0])
