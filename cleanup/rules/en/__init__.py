"""English rules: EN1xx glossary, EN2xx repeats, EN3xx glued words, EN4xx case, EN5xx boilerplate, EN6xx punctuation and spacing, EN7xx flags."""
