-- Data as the release with migrations V1..V6 wrote it: accounts of every kind, a published document with its file
-- (the test stores the bytes whose SHA-256 replaces SHA256_OF_THE_FILE), a withdrawn older version of it, a draft,
-- a collection with a curator and an item, API and refresh tokens, index jobs and audit events.
INSERT INTO accounts (id, email, display_name, role, password_hash, oidc_provider, oidc_subject, disabled, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', 'curator@v6.test', 'Curatrice V6', 'curator', NULL, 'agency', 'subject-1', false, '2026-01-05 10:00:00+00', '2026-01-05 10:00:00+00'),
  ('00000000-0000-4000-8000-000000000002', 'contributor@v6.test', 'Contributeur V6', 'contributor', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g', NULL, NULL, false, '2026-01-06 10:00:00+00', '2026-01-06 10:00:00+00'),
  ('00000000-0000-4000-8000-000000000003', 'gone@v6.test', 'Disabled V6', 'contributor', NULL, NULL, NULL, true, '2026-01-07 10:00:00+00', '2026-01-07 10:00:00+00');

INSERT INTO documents (id, title, abstract, authors, publication_date, type, language, countries, topics, doi, license, status, withdrawn_reason, version, supersedes_id, created_by, updated_by, created_at, updated_at, owner_id, published_at, effective_date, review_due_date) VALUES
  ('10000000-0000-4000-8000-000000000001', 'Prise en charge du choléra (version 1)', NULL, '[{"name": "Equipe V6"}]', '2025-06-01', 'operating_procedure', 'fr', '{ML}', '{cholera}', NULL, 'CC-BY-4.0', 'withdrawn', 'replaced by version 2', 1, NULL, '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '2026-01-10 09:00:00+00', '2026-02-01 09:00:00+00', '00000000-0000-4000-8000-000000000002', '2026-01-11 09:00:00+00', '2025-06-01', '2027-06-01'),
  ('10000000-0000-4000-8000-000000000002', 'Prise en charge du choléra', 'Réhydratation orale et intraveineuse.', '[{"name": "Equipe V6", "orcid": "0000-0002-1825-0097"}]', '2026-01-15', 'operating_procedure', 'fr', '{ML,NE}', '{cholera,wash}', '10.1234/v6.cholera', 'CC-BY-4.0', 'published', NULL, 2, '10000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '2026-01-20 09:00:00+00', '2026-02-01 09:00:00+00', '00000000-0000-4000-8000-000000000002', '2026-02-01 09:00:00+00', '2026-01-15', '2028-01-15'),
  ('10000000-0000-4000-8000-000000000003', 'Brouillon sans fichier lu', NULL, '[]', NULL, 'report', 'en', '{}', '{}', NULL, NULL, 'draft', NULL, 1, NULL, '00000000-0000-4000-8000-000000000002', NULL, '2026-02-02 09:00:00+00', '2026-02-02 09:00:00+00', '00000000-0000-4000-8000-000000000002', NULL, NULL, NULL);

INSERT INTO document_files (id, document_id, sha256, size_bytes, media_type, original_name, storage_path, page_count, extraction_status, failure_reason, detected_language, character_count, created_at, updated_at, image_only_pages, text_truncated) VALUES
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002', 'SHA256_OF_THE_FILE', SIZE_OF_THE_FILE, 'text/plain', 'cholera.txt', 'files/SHA2/SHA256_OF_THE_FILE', NULL, 'indexed', NULL, 'fr', 120, '2026-01-20 09:00:00+00', '2026-01-20 09:01:00+00', NULL, false),
  ('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000003', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 10, 'application/pdf', 'scan.pdf', 'files/aa/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 2, 'failed', 'the pages are scanned images without text; run OCR on the file and upload the result', NULL, NULL, '2026-02-02 09:00:00+00', '2026-02-02 09:01:00+00', 2, false);

INSERT INTO index_jobs (document_id, kind, state, attempts, next_attempt_at, last_error, created_at, updated_at) VALUES
  ('10000000-0000-4000-8000-000000000002', 'ingest', 'done', 1, '2026-01-20 09:00:00+00', NULL, '2026-01-20 09:00:00+00', '2026-01-20 09:01:00+00'),
  ('10000000-0000-4000-8000-000000000003', 'ingest', 'failed', 1, '2026-02-02 09:00:00+00', 'the pages are scanned images without text', '2026-02-02 09:00:00+00', '2026-02-02 09:01:00+00');

INSERT INTO collections (id, slug, title_fr, title_en, description_fr, description_en, visibility, featured, created_at, updated_at) VALUES
  ('30000000-0000-4000-8000-000000000001', 'cholera-v6', 'Choléra', 'Cholera', 'Les procédures choléra.', NULL, 'public', true, '2026-02-03 09:00:00+00', '2026-02-03 09:00:00+00');
INSERT INTO collection_curators (collection_id, account_id) VALUES
  ('30000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001');
INSERT INTO collection_items (collection_id, document_id, position, note, added_by, added_at) VALUES
  ('30000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002', 1, 'La version en vigueur.', '00000000-0000-4000-8000-000000000001', '2026-02-03 09:05:00+00');

INSERT INTO api_tokens (id, account_id, name, prefix, token_hash, created_at, expires_at, last_used_at, revoked_at) VALUES
  ('40000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'import script', 'pat_abcd', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', '2026-01-08 09:00:00+00', '2027-01-08 09:00:00+00', '2026-01-09 09:00:00+00', NULL);
INSERT INTO refresh_tokens (id, account_id, token_hash, created_at, expires_at, revoked_at, session_id) VALUES
  ('50000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', 'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', '2026-02-03 08:00:00+00', '2026-03-05 08:00:00+00', NULL, '60000000-0000-4000-8000-000000000001');

INSERT INTO audit_events (at, actor_id, actor_email, action, target_type, target_id, detail) VALUES
  ('2026-01-05 10:00:00+00', NULL, NULL, 'account.create', 'account', '00000000-0000-4000-8000-000000000001', '{"email": "curator@v6.test", "role": "curator", "via": "command-line"}'),
  ('2026-02-01 09:00:00+00', '00000000-0000-4000-8000-000000000001', 'curator@v6.test', 'document.publish', 'document', '10000000-0000-4000-8000-000000000002', '{}'),
  ('2026-02-01 09:00:00+00', '00000000-0000-4000-8000-000000000001', 'curator@v6.test', 'document.withdraw', 'document', '10000000-0000-4000-8000-000000000001', '{"reason": "replaced by version 2"}');
