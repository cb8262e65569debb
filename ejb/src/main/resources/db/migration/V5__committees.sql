-- Cachet 0.2.0: the committee of each epoch, as its canonical bytes (docs/protocol.md,
-- "Committee"). Set once per epoch and never replaced: the epoch is the key, so two nodes on one
-- database setting the same epoch at once store one row.
CREATE TABLE CACHET_COMMITTEE (
  EPOCH BIGINT NOT NULL,
  CONTENT BYTEA NOT NULL,
  CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT CACHET_COMMITTEE_PK PRIMARY KEY (EPOCH),
  CONSTRAINT CACHET_COMMITTEE_EPOCH CHECK (EPOCH >= 0),
  -- more than the 13-byte header: a committee has at least one member
  CONSTRAINT CACHET_COMMITTEE_CONTENT CHECK (OCTET_LENGTH(CONTENT) > 13)
);
