#!/usr/bin/env python3
"""Checks every draaiboek PDF (draaiboek.pdf, and draaiboek-deel-N.pdf of a
handbook in volumes) of a built site against PDF/UA-1 with `page`
(the page-validation package from PyPI: a PDF/UA-1 and PDF/A validator that
passes the veraPDF test corpus, with no Java). veraPDF itself comes only
from Maven, which CI cannot reach.

Usage: python3 tests/pdf/check_pdfua.py [public]
Prints each PDF's result and a closing "N passed, N failed" line; exits 1
when any PDF is not PDF/UA-1 or there is none to check.
"""
import pathlib
import sys

import page


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "public")
    pdfs = sorted(root.rglob("draaiboek*.pdf"))
    passed = failed = 0
    for pdf in pdfs:
        report = page.validate_pdf(pdf, profile="ua1")
        rules = report.rules
        if report.is_compliant:
            passed += 1
            print(f"ok   {pdf} (PDF/UA-1, {rules.total} rules, {report.document.page_count} pages)")
        else:
            failed += 1
            print(f"FAIL {pdf}: {rules.failed} of {rules.total} rules of PDF/UA-1 fail")
            for failure in report.failures[:20]:
                print(f"     [{failure.rule_id}] {failure.message}")
    if not pdfs:
        print(f"no draaiboek.pdf under {root}")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
