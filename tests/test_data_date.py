"""The data date of a download: per file the latest `_event_date`, else the latest recorded event
(never a planned date, never a date after today), per K/L/PD and fiscal year; the store's data date
of a K/L/PD-year is the latest of its loaded files."""

import datetime as dt

import pandas as pd
from conftest import write_json
from kinerja.inputs import data_dates, register
from kinerja.inputs.schemas import BY_KIND

TODAY = dt.date(2026, 12, 6)


def _announcement(code, announced, status="Selesai", **over):
    row = {"tahun_anggaran": 2025, "kd_klpd": "D107", "kd_satker": "1.03.2.15.1.04.03.0000",
           "kd_tender": code, "pagu": 1000, "mtd_pemilihan": "Tender", "status_tender": status,
           "tgl_pengumuman_tender": announced}
    row.update(over)
    return row


def test_event_date_column_dates_the_file_per_klpd_and_year():
    frame = pd.DataFrame([
        _announcement("1", "2025-02-01", _event_date="2025-10-03"),
        _announcement("2", "2025-09-30", _event_date="2025-09-16"),
        _announcement("3", "2024-12-20", tahun_anggaran=2024, _event_date="2025-01-05"),
        _announcement("4", "2025-03-01", kd_klpd="D999", _event_date="2025-08-01"),
    ])
    dates = data_dates.of_frame(frame, BY_KIND["tender"], today=TODAY)
    got = {(r.kd_klpd, r.tahun_anggaran): r.data_date for r in dates.itertuples()}
    assert got == {("D107", 2025): pd.Timestamp("2025-10-03"), ("D107", 2024): pd.Timestamp("2025-01-05"),
                   ("D999", 2025): pd.Timestamp("2025-08-01")}


def test_without_event_date_the_latest_recorded_event_dates_it_never_a_schedule():
    # a running tender's award date is its schedule: not an event, not in the tender's events
    frame = pd.DataFrame([
        _announcement("1", "2025-09-25 15:00:00", status="Berlangsung", tgl_penetapan_pemenang="2025-10-10"),
        _announcement("2", "2025-08-01", tanggal_status="2025-10-02"),
        _announcement("3", "2027-01-01"),  # after today: not an event yet
    ])
    dates = data_dates.of_frame(frame, BY_KIND["tender"], today=TODAY)
    assert dates["data_date"].tolist() == [pd.Timestamp("2025-10-02")]


def test_a_file_with_no_dated_event_has_no_data_date():
    frame = pd.DataFrame([{"kd_tender": "1", "kd_penyedia": "9", "pemenang": 1, "nilai_penawaran": 5}])
    assert data_dates.of_frame(frame, BY_KIND["peserta"], today=TODAY).empty


def test_store_data_date_is_the_latest_loaded_file_of_that_klpd_year(db, tmp_path):
    write_json(tmp_path / "47_1013_SPSE-TenderPengumuman.json", [
        _announcement("1", "2025-02-01", _event_date="2025-10-03"),
        _announcement("2", "2024-11-01", tahun_anggaran=2024, _event_date="2024-12-31")])
    write_json(tmp_path / "49_1015_SPSE-TenderSelesaiNilai.json", [
        {"tahun_anggaran": 2025, "kd_klpd": "D107", "kd_satker": "1", "kd_tender": "1",
         "nilai_kontrak": 900, "tgl_penetapan_pemenang": "2025-03-01", "_event_date": "2025-09-30"}])
    results = register.load(db, [tmp_path])
    assert {r.status for r in results} == {"loaded"}
    assert data_dates.for_klpd(db, "D107", 2025) == pd.Timestamp("2025-10-03")
    assert data_dates.for_klpd(db, "d107 ", 2024) == pd.Timestamp("2024-12-31")
    assert data_dates.for_klpd(db, "D999", 2025) is None
    files = dict(db.execute("SELECT file_name, data_date FROM register_files").fetchall())
    assert files == {"47_1013_SPSE-TenderPengumuman.json": dt.datetime(2025, 10, 3),
                     "49_1015_SPSE-TenderSelesaiNilai.json": dt.datetime(2025, 9, 30)}


def test_a_file_loaded_before_dates_were_recorded_is_dated_when_met_again(db, tmp_path):
    path = write_json(tmp_path / "47_1013_SPSE-TenderPengumuman.json",
                      [_announcement("1", "2025-02-01", _event_date="2025-10-03")])
    register.load_file(db, path)
    db.execute("DELETE FROM file_data_dates")  # as a store of an earlier version left it
    db.execute("UPDATE register_files SET data_date = NULL, version = 2")
    assert data_dates.for_klpd(db, "D107", 2025) is None
    assert register.load_file(db, path).status == "unchanged"
    assert data_dates.for_klpd(db, "D107", 2025) == pd.Timestamp("2025-10-03")
    assert db.execute("SELECT version FROM register_files").fetchone()[0] >= data_dates.SINCE


def test_a_period_ending_after_the_data_date_is_marked_incomplete():
    from kinerja.core.periods import Period, data_per, incomplete, incomplete_note

    data = pd.Timestamp("2025-10-03 08:00")
    assert data_per(data) == "data per 3 Oktober 2025"
    assert data_per(None) == "tanggal data tidak diketahui"
    assert [incomplete(Period(2025, q), data) for q in (1, 2, 3, 4)] == [False, False, False, True]
    assert incomplete(Period(2025), data) and not incomplete(Period(2024), data)
    assert incomplete_note(Period(2025, 4), data, "TW IV") == "TW IV: data sampai 3 Oktober 2025"
    assert incomplete_note(Period(2025), data) == "Tahun Anggaran 2025: data sampai 3 Oktober 2025"
    assert incomplete_note(Period(2025, 3), data) == "" and incomplete_note(Period(2025, 4), None) == ""


def test_a_file_well_before_the_stores_data_date_is_flagged(db, tmp_path):
    write_json(tmp_path / "47_1013_SPSE-TenderPengumuman.json",
               [_announcement("1", "2025-02-01", _event_date="2025-10-03")])
    write_json(tmp_path / "49_1015_SPSE-TenderSelesaiNilai.json", [
        {"tahun_anggaran": 2025, "kd_klpd": "D107", "kd_satker": "1", "kd_tender": "1",
         "nilai_kontrak": 900, "tgl_penetapan_pemenang": "2025-03-01", "_event_date": "2025-08-31"}])
    # dated only by its events (no _event_date): it may simply have had nothing later to record
    write_json(tmp_path / "48_1014_SPSE-TenderSelesai.json", [_announcement("2", "2025-03-01")])
    results = {r.file: r for r in register.load(db, [tmp_path])}
    assert results["47_1013_SPSE-TenderPengumuman.json"].stale == ""
    assert results["48_1014_SPSE-TenderSelesai.json"].stale == ""
    stale = results["49_1015_SPSE-TenderSelesaiNilai.json"].stale
    assert "31 Agustus 2025" in stale and "3 Oktober 2025" in stale and "D107 2025" in stale
    # 30 days before is not yet stale
    db.execute("UPDATE file_data_dates SET data_date = TIMESTAMP '2025-09-03' WHERE data_date = TIMESTAMP '2025-08-31'")
    assert data_dates.stale(db, results["49_1015_SPSE-TenderSelesaiNilai.json"].sha256) == ""


def test_an_award_date_dates_the_data_only_on_a_finished_process():
    # the non-tender sample: a finished process's end of selection happened; a running one's is
    # its schedule (10 October, after the data were pulled)
    row = {"tahun_anggaran": 2025, "kd_klpd": "D107", "kd_satker": "1", "pagu": 10, "mtd_pemilihan": "Pengadaan Langsung"}
    frame = pd.DataFrame([
        dict(row, kd_nontender="1", status_nontender="Selesai", tgl_pengumuman_nontender="2025-09-09 15:00:00",
             tgl_selesai_nontender="2025-09-24 15:59:00"),
        dict(row, kd_nontender="2", status_nontender="Berlangsung", tgl_pengumuman_nontender="2025-09-25 15:00:00",
             tgl_selesai_nontender="2025-10-10 16:00:00")])
    dates = data_dates.of_frame(frame, BY_KIND["nontender"], today=TODAY)
    assert dates["data_date"].tolist() == [pd.Timestamp("2025-09-25 15:00:00")]
    frame.loc[1, "status_nontender"] = "Selesai"
    assert data_dates.of_frame(frame, BY_KIND["nontender"], today=TODAY)["data_date"].tolist() == \
        [pd.Timestamp("2025-10-10 16:00:00")]
