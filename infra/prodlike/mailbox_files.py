"""Read the messages Django's file email backend wrote (EMAIL_URL=filemail://DIR): one file per
connection, messages separated by a line of 79 dashes."""

import email
import email.policy
from pathlib import Path

SEPARATOR = b"-" * 79


def messages_to(mail_dir: Path, recipient: str) -> list[dict]:
    found = []
    for path in sorted(mail_dir.glob("*.log")):
        # Bytes, not text: bodies are 8-bit UTF-8 and the parser decodes them by their charset.
        for chunk in path.read_bytes().split(SEPARATOR):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
            if recipient in str(message.get("To", "")):
                body = message.get_body(("plain",))
                found.append(
                    {
                        "subject": str(message.get("Subject", "")).strip(),
                        "body": body.get_content() if body else "",
                    }
                )
    return found
