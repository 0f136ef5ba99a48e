"""The fixed parity sample: generic sentences written for this purpose (no record text, ever).

Varied on purpose: one word to a long paragraph, questions, numbers, code, punctuation, accents,
other scripts and an emoji, an empty string, whitespace, and two long texts, one near a typical
max_seq_length (≈ 250 MiniLM tokens) and one far beyond any, so truncation and padding of mixed
lengths in one batch are both exercised.
"""

from __future__ import annotations

_SHORT = [
    "Hello.",
    "weather",
    "",
    "   padded with spaces   ",
    "What time does the library open on Sundays?",
    "The train to the coast leaves every hour.",
    "How do I reset a forgotten password?",
    "Boil the pasta for nine minutes, then drain it.",
    "A cat slept on the warm windowsill all afternoon.",
    "Quarterly revenue rose 4.5% to $12.3 million.",
    "The meeting moved from 10:30 to 14:00 on 2024-03-07.",
    "Is it safe to swim in the lake after heavy rain?",
    "Photosynthesis converts light energy into chemical energy.",
    "The bridge was closed for repairs for three weeks.",
    "Which planet has the most moons?",
    "def add(a, b): return a + b",
    "SELECT name FROM users WHERE id = 42;",
    "Error 404: the requested page could not be found.",
    "Please restart the router and try again!!!",
    "Why is the sky blue?",
    "Les enfants jouent dans le parc après l'école.",
    "Der Zug hat heute zwanzig Minuten Verspätung.",
    "¿Dónde está la estación de autobuses más cercana?",
    "東京は日本の首都です。",
    "Great news 🎉 the package arrived early.",
    "naïve café résumé coöperate façade",
    "A B C D E F G H I J K L M N O P",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
    "The quick brown fox jumps over the lazy dog.",
    "Solar panels work less well on cloudy days.",
    "The museum added a new wing for modern sculpture.",
    "Update the configuration file before deploying.",
    "Our team won the regional football tournament.",
    "Mix flour, sugar and butter until the dough is smooth.",
    "The river froze over during the coldest week of winter.",
    "Interest rates are expected to stay flat this year.",
    "The telescope captured images of a distant galaxy.",
    "Turn left at the second traffic light.",
    "Can you recommend a good book about history?",
    "The software update fixed the battery drain issue.",
    "Volcanic ash grounded flights across the region.",
    "She practised the piano for two hours every day.",
    "Rainfall this spring was double the seasonal average.",
    "The recipe calls for two eggs and a pinch of salt.",
    "Wind turbines generate electricity from moving air.",
    "The concert was postponed because of the storm.",
    "Children learn languages faster than adults do.",
    "Check the tyre pressure before a long drive.",
    "The library lends laptops to students for free.",
    "A new species of frog was described last year.",
    "Backups should be tested, not only taken.",
    "The hiking trail climbs 800 metres in five kilometres.",
    "Keep the medicine in a cool, dry place.",
    "Stock markets fell sharply after the announcement.",
    "The chef plated the dessert with fresh berries.",
    "Satellites orbit the earth at different altitudes.",
    "How many cups are in a litre?",
    "The printer on the third floor is out of paper.",
    "Migrating birds travel thousands of kilometres each year.",
    "Ancient roads connected cities across the empire.",
    "Recycling plastic saves energy and reduces waste.",
    "Open the window; it is getting warm in here.",
]

_PARAGRAPH = (
    "The city council met on Tuesday evening to discuss plans for a new public park near the "
    "river. Residents asked for more trees, a playground, quiet areas for reading and a path for "
    "cyclists that would connect the park with the old railway line. Engineers explained that the "
    "soil near the water needs to be tested before any construction can begin, and that the "
    "drainage system must be able to handle heavy storms in autumn. The budget, they said, would "
    "cover the first phase, including lighting, benches and a small café, while a second phase "
    "could add sports fields and a community garden. Several speakers praised the idea but worried "
    "about parking, noise at night and the cost of maintenance over the coming decades. "
    "After a long debate the council agreed to publish the drawings online, to hold two more "
    "open meetings in the spring, and to ask local schools which activities their pupils would "
    "like to see, so that the final design reflects the needs of families, older people and "
    "visitors alike. A vote on the first phase is expected before the end of the year, and the "
    "work itself could start the following summer if the weather, the contractors and the "
    "remaining permits all allow it. "
)

SAMPLE: tuple[str, ...] = (
    *_SHORT,
    _PARAGRAPH,  # ≈ 240 tokens: near a 256-token max_seq_length, well past small models' limits
    _PARAGRAPH * 5,  # far beyond any max_seq_length: truncated
)


def parity_sample() -> list[str]:
    """The fixed sample (64 texts), in a fixed order."""
    return list(SAMPLE)
