"""What a simulated survey respondent posts (no Locust or Django imports: the tests import
it, and importing Locust patches the standard library)."""

from __future__ import annotations

import random
import re
from collections import defaultdict

RADIO = re.compile(r'<input[^>]*type="radio"[^>]*>')
ATTRIBUTE = re.compile(r'\b(name|value)="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def survey_answers(body: str) -> dict[str, str]:
    """A random choice for every radio group of the answer form (questions and gender)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for tag in RADIO.findall(body):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes and "value" in attributes:
            groups[attributes["name"]].append(attributes["value"])
    return {name: random.choice(values) for name, values in groups.items()}
