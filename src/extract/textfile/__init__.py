"""The text-file reader: bytes -> decoded text (`decode`), text decoded twice read back (`encoding_repair`),
HTML left by a web conversion resolved (`markup`), page furniture removed (`pages`), one block per line
(`blocks`). The PDF reader is its sibling, `extract.pdf`."""
