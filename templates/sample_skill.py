"""Count the words of a text, longest first."""


async def run(text: str, min_length: int = 1) -> dict:
    words = [word for word in text.split() if len(word) >= min_length]
    return {"count": len(words), "longest": sorted(words, key=len, reverse=True)[:5]}
