"""Parts of the extractor: hand-kept data, the gazetteer, tokens and names. No Django."""
