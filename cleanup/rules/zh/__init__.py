"""Chinese rules: ZH1xx encoding and mojibake, ZH2xx pinyin glosses, ZH3xx script, ZH4xx punctuation."""
