-- Cachet 0.2.0: what the epoch handoff keeps durably (docs/protocol.md, "Epoch handoff"): this
-- node's one ready signal and one attestation per epoch, the epoch's freeze, every accepted
-- attestation and the certificate. A row is its wire JSON, written once and never changed; the key
-- "<epoch>/<kind>/<signer>" makes a second ready signal or attestation of a signer fail on the key,
-- also for two nodes sharing the database (and so the node identity).
CREATE TABLE CACHET_HANDOFF (
  RECORD_KEY VARCHAR(128) NOT NULL,
  EPOCH BIGINT NOT NULL,
  KIND VARCHAR(32) NOT NULL,
  CONTENT BYTEA NOT NULL,
  CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT CACHET_HANDOFF_PK PRIMARY KEY (RECORD_KEY),
  CONSTRAINT CACHET_HANDOFF_EPOCH CHECK (EPOCH >= 0)
);
CREATE INDEX CACHET_HANDOFF_BY_EPOCH ON CACHET_HANDOFF (EPOCH, KIND);
