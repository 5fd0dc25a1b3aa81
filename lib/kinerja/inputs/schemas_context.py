"""Data contracts of the download's datasets that give context, never a KPI: the satker master
(satker names), the budget structure (the year's procurement spending per satker), e-Katalog and
Toko Daring purchases (the channels outside the SOP's methods, for the report's coverage
chapter); and the datasets of the download the workbook names but does not load.
"""

from __future__ import annotations

from kinerja.inputs.schema_base import (CODE, CODES, DATE, INT, MONEY, TEXT, Dataset, Outside, col,
                                        satker)

# RUP-MasterSatker: kd_satker is SiRUP's numeric satker id, kd_satker_str the dotted code the
# process datasets use; both are kept (Toko Daring names a satker by the numeric id).
MASTER_SATKER = Dataset(
    "satker", "RUP: master satker", ("kd_satker",), ("kd_satker", "status_satker", "jenis_satker"),
    (
        col("kd_klpd", CODE, "Kode K/L/PD"),
        col("nama_klpd", TEXT, "Nama K/L/PD"),
        col("kd_satker", CODE, "Kode satker", True, ("kd_satker_str",)),
        col("id_satker", CODE, "ID satker SiRUP", aliases=("kd_satker",)),
        col("nama_satker", TEXT, "Nama satker"),
        col("jenis_satker", TEXT, "Jenis satker"),
        col("status_satker", TEXT, "Status satker"),
    ),
    isb=("RUP-MasterSatker",),
    use="nama satker/OPD: kinerja init, dan nama satker proses yang tidak menyebutnya",
)

# RUP-StrukturAnggaranPD, fields as public clients store them (tahun_anggaran, kd_klpd,
# nama_klpd, kd_satker, kd_satker_str, nama_satker, belanja_operasi, belanja_modal,
# belanja_btt, belanja_non_pengadaan, belanja_pengadaan, total_belanja, _event_date).
ANGGARAN = Dataset(
    "anggaran", "RUP: struktur anggaran perangkat daerah (konteks, di luar indikator)",
    ("kd_satker", "tahun_anggaran"), ("belanja_pengadaan", "total_belanja"),
    satker() + (
        col("belanja_operasi", MONEY, "Belanja operasi"),
        col("belanja_modal", MONEY, "Belanja modal"),
        col("belanja_btt", MONEY, "Belanja tidak terduga"),
        col("belanja_non_pengadaan", MONEY, "Belanja non pengadaan"),
        col("belanja_pengadaan", MONEY, "Belanja pengadaan"),
        col("total_belanja", MONEY, "Total belanja"),
    ),
    isb=("RUP-StrukturAnggaranPD",),
    use="konteks: belanja pengadaan tahun itu per satker (cakupan laporan), tidak masuk indikator",
)

# Ecat-PaketEPurchasingV6: one row per package (kd_paket), as in the samples. The older
# Ecat-PaketEPurchasing export is read by this contract only when it carries the same fields;
# its version-5 shape (one row per product, paket_status_str) is named below and not loaded.
EPURCHASING = Dataset(
    "epurchasing", "e-Katalog: paket e-purchasing (konteks, di luar indikator)",
    ("kd_paket",), ("kd_paket", "total_harga", "tgl_order"),
    (
        col("tahun_anggaran", INT, "Tahun anggaran"),
        col("kd_klpd", CODE, "Kode K/L/PD"),
        col("nama_klpd", TEXT, "Nama K/L/PD", aliases=("nama_instansi",)),
        col("kd_satker", CODE, "Kode satker", aliases=("kd_satker_str",)),
        col("nama_satker", TEXT, "Nama satker"),
        col("kd_paket", CODE, "Kode paket e-purchasing", True),
        col("kd_rup", CODES, "Kode RUP"),
        col("nama_paket", TEXT, "Nama paket", aliases=("rup_nama_pkt",)),
        col("kd_penyedia", CODE, "Kode penyedia", aliases=("kd_penyedia_v6",)),
        col("sumber_dana", TEXT, "Sumber dana"),
        col("total_harga", MONEY, "Total harga"),
        col("ongkir", MONEY, "Ongkos kirim"),
        col("tgl_order", DATE, "Tanggal pesanan"),
        col("status_paket", TEXT, "Status paket", aliases=("status_pkt",)),
        col("status_pengiriman", TEXT, "Status pengiriman"),
    ),
    isb=("Ecat-PaketEPurchasingV6", "Ecat-PaketEPurchasing"),
    use="konteks: pembelian e-Katalog per satker (cakupan laporan), tidak masuk indikator",
    events=("tgl_order",),
)

# Bela-TokoDaringRealisasi: kd_satker here is SiRUP's numeric satker id (see MASTER_SATKER).
# An order repeated in the export is flagged as a duplicate: count each order_id once.
TOKO_DARING = Dataset(
    "toko_daring", "Toko Daring (Bela Pengadaan) (konteks, di luar indikator)",
    ("order_id",), ("order_id", "marketplace"),
    (
        col("tahun_anggaran", INT, "Tahun anggaran", aliases=("tahun",)),
        col("kd_klpd", CODE, "Kode K/L/PD"),
        col("nama_klpd", TEXT, "Nama K/L/PD"),
        col("id_satker", CODE, "ID satker SiRUP", aliases=("kd_satker",)),
        col("nama_satker", TEXT, "Nama satker"),
        col("order_id", CODE, "Nomor pesanan", True),
        col("order_desc", TEXT, "Uraian pesanan"),
        col("valuasi", MONEY, "Nilai transaksi"),
        col("kategori", TEXT, "Kategori"),
        col("tanggal_transaksi", DATE, "Tanggal transaksi"),
        col("marketplace", TEXT, "Toko daring"),
        col("nama_merchant", TEXT, "Nama penjual", aliases=("merchant_name",)),
        col("jenis_transaksi", TEXT, "Jenis transaksi"),
        col("status_verif", TEXT, "Status verifikasi"),
        col("status_konfirmasi_ppmse", TEXT, "Status konfirmasi PPMSE"),
    ),
    isb=("Bela-TokoDaringRealisasi",),
    use="konteks: transaksi Toko Daring per satker (cakupan laporan), tidak masuk indikator",
    events=("tanggal_transaksi",),
)

DATASETS = (MASTER_SATKER, ANGGARAN, EPURCHASING, TOKO_DARING)

# Datasets of a download outside the SOP's scope (e-Katalog details, masters): recognised so
# that the user is told what each file is, never loaded. Checked in this order.
OUTSIDE: tuple[Outside, ...] = (
    Outside("e-Katalog versi 5: paket per produk", ("kd_paket", "paket_status_str"), ("Ecat-PaketEPurchasing",)),
    Outside("e-Katalog: produk", ("kd_produk", "no_produk"), ("Ecat-ProdukDetail",)),
    Outside("e-Katalog: komoditas", ("kd_komoditas", "nama_komoditas"), ("Ecat-KomoditasDetail",)),
    Outside("e-Katalog: distributor", ("kd_penyedia_distributor",), ("Ecat-PenyediaDistributorDetail",)),
    Outside("e-Katalog: penyedia", ("kd_penyedia", "kode_penyedia_sikap"), ("Ecat-PenyediaDetail",)),
    Outside("e-Katalog: pegawai", ("kd_user_pegawai",), ("Ecat-UserPegawai",)),
    Outside("e-Katalog: instansi dan satker", ("kd_klpd", "jenis_klpd", "kd_satker_str", "nama_satker"),
            ("Ecat-InstansiSatker",)),
    Outside("Master kabupaten/kota", ("kd_kabupaten", "nama_kabupaten"), ("Ecat-MasterKabKota",)),
    Outside("Master kabupaten/kota", ("kd_kabkota", "nama_kabkota"), ("RUP-MasterKabKota",)),
    Outside("Master provinsi", ("kd_provinsi", "nama_provinsi"),
            ("Ecat-MasterProvinsi", "RUP-MasterProvinsi")),
    Outside("RUP: master program", ("kd_program", "nama_program"), ("RUP-ProgramMaster",)),
    # RUP-KegiatanMaster: tahun_anggaran, kd_klpd, kd_satker, kd_program, kd_kegiatan,
    # kd_kegiatan_str, nama_kegiatan, pagu_kegiatan, kd_kegiatan_lokal, is_deleted;
    # RUP-SubKegiatanMaster the same one level down (kd_subkegiatan, nama_subkegiatan, ...).
    Outside("RUP: master kegiatan", ("kd_kegiatan", "nama_kegiatan"), ("RUP-KegiatanMaster",)),
    Outside("RUP: master subkegiatan", ("kd_subkegiatan", "nama_subkegiatan"), ("RUP-SubKegiatanMaster",)),
    Outside("RUP: anggaran paket", ("kd_rup", "mak", "kd_subkegiatan"),
            ("RUP-PaketAnggaranPenyedia", "RUP-PaketAnggaranSwakelola")),
    Outside("RUP: lokasi paket", ("kd_rup", "detail_lokasi"),
            ("RUP-PaketPenyediaLokasi", "RUP-PaketSwakelolaLokasi")),
)
