"""The register file: opening, hardening, schema, repositories, history, conflicts."""
