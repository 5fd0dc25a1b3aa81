"""Survei Teknis forms (SOP step 5): Format 4 (main performance data, PPK and Pokja), Format 5
(provider performance per package, PPK) and Format 8 (selection data per package, Pokja); and
the satisfaction forms (Format 12 and 13).

The one declaration of every Survei Teknis form (tables, columns, types, ranges, allowed values,
labels, locked or input, and the store tables the accepted rows go to) is
`kinerja.inputs.form_contracts`: it sits in the inputs layer because the store builds its tables
from it, as it does from the register's dataset contracts.

- `respondents` who answers which form and which rows are prefilled for them.
- `writer`      blank forms per respondent (Excel tables, validation, protection, meta sheet).
- `reader`      filled forms back: hostile-file guards, the cells as they are, the header rows
                exactly as written.
- `validation`  every read row checked against the contract (accepted rows + rejections with
                sheet, row, column and reason).
- `collection`  who was asked, who answered and when, completeness per OPD, action plans,
                rejections (stage 02).
- `satisfaction_forms`, `answers`  the F12/F13 forms and the satisfaction answers as the stages
                read them.

The intake that stores accepted rows, keeps the raw file and audits submissions is
`kinerja.formulir.intake`; its store side (one transaction per submission, what the store holds
for a period) is `kinerja.formulir.submission_store`. This package imports nothing heavy at import
time (the store imports the contracts for its schema).
"""
