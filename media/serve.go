package media

import (
	"mime"
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// Serve writes a variant's bytes to staff with headers that keep a browser
// from reading them as anything else, or running them; an original comes
// as an attachment, under DownloadName.
func Serve(w http.ResponseWriter, f *habeas.MediaFile) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	if f.Variant == habeas.MediaOriginal {
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": DownloadName(f)}))
	}
	w.WriteHeader(http.StatusOK)
	w.Write(f.Data)
}

// DownloadName is the name an original is downloaded under: its id and
// the start of its hash, never the name it was uploaded under (which a
// header would carry to wherever the file goes).
func DownloadName(f *habeas.MediaFile) string {
	ext := map[string]string{JPEG: ".jpg", PNG: ".png", WebP: ".webp", PDF: ".pdf"}[f.ContentType]
	return "media-" + strconv.FormatInt(f.MediaID, 10) + "-" + f.SHA256[:min(12, len(f.SHA256))] + ext
}

// AuditAction is what reading a variant is in the audit chain: the
// original's download is an export, a copy's a view.
func AuditAction(variant string) string {
	if variant == habeas.MediaOriginal {
		return habeas.AuditExport
	}
	return habeas.AuditView
}
