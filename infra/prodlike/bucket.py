"""Create the media bucket with the public-read policy of infra/s3/media-bucket-policy.json.

Objects are readable by anyone (product photos are public); listing the bucket and writing to it
need the application's credentials. Reads the MEDIA_S3_* settings from the environment.
"""

import json
import os
from pathlib import Path

import boto3

POLICY = Path(__file__).resolve().parent.parent / "s3" / "media-bucket-policy.json"


def media_bucket_policy(bucket: str) -> dict:
    policy = json.loads(POLICY.read_text(encoding="utf-8"))
    for statement in policy["Statement"]:
        statement["Resource"] = [
            resource.replace(":::tienda-media/", f":::{bucket}/")
            for resource in statement["Resource"]
        ]
    return policy


def main() -> None:
    bucket = os.environ["MEDIA_S3_BUCKET"]
    client = boto3.client(
        "s3",
        endpoint_url=os.environ["MEDIA_S3_ENDPOINT_URL"],
        region_name=os.environ.get("MEDIA_S3_REGION", "us-east-1"),
        aws_access_key_id=os.environ["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["MEDIA_S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(media_bucket_policy(bucket)))
    stored = json.loads(client.get_bucket_policy(Bucket=bucket)["Policy"])
    action = stored["Statement"][0]["Action"]
    print(f"bucket {bucket}: created, public-read policy applied ({action})")


if __name__ == "__main__":
    main()
