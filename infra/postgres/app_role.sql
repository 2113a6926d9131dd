-- Privileges of the application's database role (PostgreSQL).
--
-- Two roles: the OWNER owns the schema and runs `manage.py migrate`; the APP role is what web
-- processes and Celery workers log in as. The app role may read and write the application's
-- tables, but the audit log only takes INSERT and SELECT: it cannot UPDATE, DELETE or TRUNCATE
-- it, cannot ALTER TABLE ... DISABLE TRIGGER (only the owner can) and cannot set
-- session_replication_role (superusers only). Run as the owner after every migration:
--
--   psql "$OWNER_DATABASE_URL" -v app_role=tienda_app -f infra/postgres/app_role.sql
--
-- The app role itself: CREATE ROLE tienda_app LOGIN PASSWORD '...' NOSUPERUSER NOCREATEROLE;

GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON core_auditevent FROM :"app_role";
