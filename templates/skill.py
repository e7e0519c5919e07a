"""{{description}}"""


async def run(text: str, limit: int = 10) -> dict:
    """Replace this body with what {{name}} does; agents call it as skills.{{name}}(...)."""
    words = text.split()[:limit]
    return {"words": words, "count": len(words)}
