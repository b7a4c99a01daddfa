"""Reports: views of the attributed changes (JSON, HTML, terminal). Never a second diff."""
