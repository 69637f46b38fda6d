-- Registry tokens (JWTs) carry the generation of their account at the time they were issued; a
-- push or delete with a token of an older generation is refused. Bumped when a personal access
-- token is revoked or the password changes, so grants made before stop pushing at once.
ALTER TABLE accounts ADD COLUMN grant_generation bigint NOT NULL DEFAULT 0;

-- login_failures.failures now counts attempts (reserved before the password is checked; a success
-- gives its own back), so parallel guesses cannot all be checked before the first is counted.
COMMENT ON COLUMN login_failures.failures IS 'attempts in the window, counted before the check; a success gives its attempt back';
