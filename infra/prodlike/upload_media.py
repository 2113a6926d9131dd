"""Copy the demo seed's media files into the bucket, keys unchanged, with the headers the
application's S3 storage sets (content type, year-long immutable cache).

The seed writes its photos to local disk and this uploads them in parallel: the same objects as
seeding straight into the bucket, in a fraction of the time. Photos uploaded during the journey
go through the application's S3 storage. Reads MEDIA_S3_* and VAR_DIR from the environment.
"""

import mimetypes
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3

CACHE_CONTROL = "public, max-age=31536000, immutable"


def main() -> None:
    root = Path(os.environ["VAR_DIR"]) / "media"
    bucket = os.environ["MEDIA_S3_BUCKET"]
    client = boto3.client(
        "s3",
        endpoint_url=os.environ["MEDIA_S3_ENDPOINT_URL"],
        region_name=os.environ.get("MEDIA_S3_REGION", "us-east-1"),
        aws_access_key_id=os.environ["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["MEDIA_S3_SECRET_ACCESS_KEY"],
    )
    files = [path for path in root.rglob("*") if path.is_file()] if root.exists() else []

    def upload(path: Path) -> None:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        client.upload_file(
            str(path),
            bucket,
            path.relative_to(root).as_posix(),
            ExtraArgs={"ContentType": content_type, "CacheControl": CACHE_CONTROL},
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(upload, files))
    print(f"bucket {bucket}: {len(files)} demo media files uploaded")


if __name__ == "__main__":
    main()
