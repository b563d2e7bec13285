-- name: GetSettings
SELECT name, tagline, logo_url, about, contact, default_country, languages, updated_at
FROM site_settings WHERE id = 1;

-- name: PutSettings
INSERT INTO site_settings (id, name, tagline, logo_url, about, contact, default_country, languages, updated_at)
VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, tagline = excluded.tagline, logo_url = excluded.logo_url,
    about = excluded.about, contact = excluded.contact,
    default_country = excluded.default_country, languages = excluded.languages, updated_at = excluded.updated_at;
