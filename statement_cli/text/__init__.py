"""The text side, pure: bytes of a statement file → a `Statement` (decode, parse the
header as evidence, dates, people, places), and the words of a text a query matches
(snippets). Nothing here touches the archive, the index or the terminal."""
