-- How each bound key's namespace was proven: the ownership method of its binding (dns, http,
-- github-oidc) and what the proof shows (the domain, or github.com/<owner>). NULL for keys bound
-- first come, without a proof. A rotated-to key carries its predecessor's proof (the rotation is
-- signed by the old key). Pages and badges show these, never an unproven name as if proven.
ALTER TABLE namespace_keys ADD COLUMN proof_method TEXT;
ALTER TABLE namespace_keys ADD COLUMN proven_as TEXT;
ALTER TABLE namespace_keys ADD CONSTRAINT namespace_keys_proof_pair
    CHECK ((proof_method IS NULL) = (proven_as IS NULL));
