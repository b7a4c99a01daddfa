"""Reading inputs (encodings, mojibake, newlines) and writing outputs atomically."""
