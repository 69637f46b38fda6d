-- READMEs are rendered once, when saved, and pages serve the stored HTML (sanitized, safe to
-- embed): rendering untrusted Markdown on every view let one README cost seconds of CPU per
-- anonymous view. readme_renderer is the ReadmeRenderer.VERSION that made readme_html; a row whose
-- version differs (0: saved before this column existed) is rendered again on its next view.
ALTER TABLE repositories
    ADD COLUMN readme_html text NOT NULL DEFAULT '',
    ADD COLUMN readme_renderer smallint NOT NULL DEFAULT 0;
