"""A revision's changes as the review page shows them: the field-by-field diff, with the photos
of both sides ready for the picture include."""

from catalog.revisions import revision_diff

from ..vendors_public import picture

PHOTO_SIZES = "10rem"


def diff_for_review(revision) -> list:
    changes = revision_diff(revision)
    for change in changes:
        for entry in (*change.before_images, *change.after_images):
            entry["pic"] = picture(entry["image"].image, sizes=PHOTO_SIZES)
    return changes
