"""The core: edits, provenance, rules registry, segmentation, settings and the pipeline."""
