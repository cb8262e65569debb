-- Cachet 0.2.0: the published checkpoints this node adopted (issue 15; docs/protocol.md §12), each
-- its wire JSON (blocks and the quorum's attestations), written once. A restart re-executes them in
-- slot order to rebuild its ledger's tip.
CREATE TABLE CACHET_CHECKPOINT (
  SLOT BIGINT NOT NULL,
  CONTENT BYTEA NOT NULL,
  CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT CACHET_CHECKPOINT_PK PRIMARY KEY (SLOT),
  CONSTRAINT CACHET_CHECKPOINT_SLOT CHECK (SLOT >= 0)
);
