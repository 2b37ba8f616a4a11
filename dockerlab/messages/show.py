"""The messages of ``dockerlab.show`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # show/graphs.py
    "show.graph.base": ("layer dasar", "base layer"),
    "show.graph.step": ("langkah {step}", "step {step}"),
    "show.graph.empty": ("langkah tanpa layer (hanya metadata)", "steps without a layer (metadata only)"),
    "show.graph.image": ("image {name}", "image {name}"),
    "show.graph.manifest": ("manifest", "manifest"),
    "show.graph.config": ("config (= ID image)", "config (= image ID)"),
    "show.graph.index": ("index (multi-platform)", "index (multi-platform)"),
    "show.graph.tag": ("tag", "tag"),
    "show.graph.previously": ("dulu", "previously"),
    "show.graph.cached": ("dari cache", "from cache"),
    "show.graph.executed": ("dijalankan", "executed"),
    "show.graph.no_layer": ("tanpa layer", "no layer"),
    "show.graph.previous_build": ("build sebelumnya", "previous build"),
    "show.graph.this_build": ("build ini", "this build"),
    "show.graph.reused": ("dipakai ulang", "reused"),
    "show.graph.scratch": ("scratch (kosong)", "scratch (empty)"),
    # FROM only chooses the base image: it is never executed and never comes from the cache.
    "show.graph.base_image": ("image dasar", "base image"),
    # show/html.py
    "show.html.image": ("Image", "Image"),
    "show.html.layer": ("Layer", "Layer"),
    "show.html.id": ("ID image (digest config)", "image ID (config digest)"),
    "show.html.digest": ("digest manifest", "manifest digest"),
    "show.html.platform": ("platform", "platform"),
    "show.html.size": ("ukuran", "size"),
    "show.html.created": ("dibuat", "created"),
    "show.html.layers": ("Layer", "Layers"),
    "show.html.history": ("Riwayat", "History"),
    "show.html.config": ("Konfigurasi", "Configuration"),
    "show.html.files": ("File di layer ini", "Files in this layer"),
    "show.html.media_type": ("jenis isi (media type)", "media type"),
    "show.html.chain_id": ("chain ID", "chain ID"),
    "show.html.index": ("urutan (0 = dasar)", "position (0 = base)"),
    "show.html.created_by": ("dibuat oleh", "created by"),
    "show.html.tree": ("Sistem file", "File system"),
    "show.html.entries": ("{count} entri", "{count} entries"),
    "show.html.index_title": ("Index image", "Image index"),
    "show.html.problem": ("masalah", "problem"),
    "show.html.kind": ("jenis", "kind"),
    "show.html.index_digest": ("digest index", "index digest"),
    "show.html.manifests": ("{count} manifest, satu per platform", "{count} manifests, one per platform"),
    "show.html.this_machine": ("← mesin ini", "← this machine"),
    "show.html.validate": ("Pemeriksaan blob (validate)", "Blob check (validate)"),
    "show.html.uncompressed_note": (
        "Layer ini disimpan tanpa kompresi, jadi digest-nya sama dengan diff_id dan ukurannya adalah "
        "ukuran arsip tar-nya. Saat push, layer dikompresi: di registry digest dan ukurannya berbeda, "
        "diff_id-nya tetap.",
        "These layers are stored uncompressed, so each digest equals its diff_id and its size is "
        "the size of its tar. On push, layers are compressed: in a registry their digest and size "
        "differ, their diff_id stays.",
    ),
    # validate's problem kinds (model.Problem.kind), as the table's "jenis" column shows them
    "show.html.kind.identity": ("identitas tidak cocok", "identity does not match"),
    "show.html.kind.missing_blob": ("blob hilang", "missing blob"),
    "show.html.kind.digest_mismatch": ("isi tidak cocok dengan digest", "content does not match digest"),
    "show.html.kind.size_mismatch": ("ukuran tidak cocok", "size does not match"),
    "show.html.kind.diff_id_mismatch": ("diff_id tidak cocok", "diff_id does not match"),
    "show.html.kind.layer_count": ("jumlah layer tidak cocok", "layer count does not match"),
    "show.html.kind.history_count": ("riwayat tidak cocok", "history does not match"),
    "show.html.kind.media_type": ("media type tidak dikenal", "unknown media type"),
    "show.html.kind.unreadable": ("tidak bisa dibaca", "unreadable"),
    # show/widgets.py
    "show.w.layer": ("Layer:", "Layer:"),
    "show.w.merged": ("seluruh image (gabungan semua layer)", "whole image (all layers merged)"),
    "show.w.open": ("Buka", "Open"),
    "show.w.up": ("Naik", "Up"),
    "show.w.folder": ("Folder {path}", "Folder {path}"),
    "show.w.empty_folder": ("(folder kosong di tampilan ini)", "(folder empty in this view)"),
    "show.w.instruction": ("instruksi", "instruction"),
    "show.w.layer_size": ("ukuran berkasnya", "size of its files"),
    "show.w.step": ("langkah build", "build step"),
    "show.w.option": ("layer {layer}: {instruction}", "layer {layer}: {instruction}"),
    "show.w.option_step": ("layer {layer} · langkah {step}: {instruction}",
                           "layer {layer} · step {step}: {instruction}"),
    "show.w.counts": ("{added} ditambah · {modified} diubah · {deleted} dihapus · {hidden} tersembunyi",
                      "{added} added · {modified} modified · {deleted} deleted · {hidden} hidden"),
    "show.w.filter": ("Tampilkan:", "Show:"),
    "show.w.all": ("semua", "all"),
    "show.w.path": ("Di folder:", "In folder:"),
    # show/graphs.py
    "show.graph.now": ("sekarang", "now"),
    "show.graph.image_id": ("ID image", "image ID"),
    "show.graph.untagged_now": ("(tidak ada tag yang menunjuknya lagi)", "(no tag points at it now)"),
    "show.graph.tag_removed": ("(dihapus, #{number})", "(removed, #{number})"),
    "show.graph.tag_map_source": (
        "tag_map menggambar riwayat tag dari penyimpanan atau mesin (misalnya dockerlab.show.tag_map() "
        "atau tag_map(course.store())), bukan dari {given}.",
        "tag_map draws the tag history of a store or an engine (for example dockerlab.show.tag_map() "
        "or tag_map(course.store())), not from a {given}.",
    ),
    # show/html.py
    "show.html.tag_history": ("Riwayat tag", "Tag history"),
    "show.html.tag_history_for": ("Riwayat tag {name}", "Tag history of {name}"),
    "show.html.events": ("{count} peristiwa", "{count} events"),
}
