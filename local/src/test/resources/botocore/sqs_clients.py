"""Calls the runner's SQS endpoint as the AWS CLI and boto3 do, through botocore: its own client
(the JSON protocol), a query-protocol request signed with its SigV4Auth, and a presigned URL
(SigV4QueryAuth); each with the credential in SQS_KEY/SQS_SECRET. Prints one JSON line per call."""
import json
import os
import urllib.error
import urllib.request

import botocore.session
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint = os.environ["SQS_ENDPOINT"]
credentials = Credentials(os.environ["SQS_KEY"], os.environ["SQS_SECRET"])


def send(form, request):
    prepared = request.prepare()
    body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
    http = urllib.request.Request(prepared.url, data=body or None, method=prepared.method,
                                  headers=dict(prepared.headers.items()))
    try:
        with urllib.request.urlopen(http, timeout=10) as answer:
            status, body = answer.status, answer.read().decode()
    except urllib.error.HTTPError as refused:
        status, body = refused.code, refused.read().decode()
    print(json.dumps({"form": form, "status": status, "listsQueues": "vero-destination-dlq" in body}))


session = botocore.session.get_session()
client = session.create_client("sqs", region_name="us-east-1", endpoint_url=endpoint,
                               aws_access_key_id=credentials.access_key, aws_secret_access_key=credentials.secret_key)
try:
    urls = client.list_queues().get("QueueUrls", [])
    print(json.dumps({"form": "client", "status": 200, "listsQueues": any("vero-destination-dlq" in u for u in urls)}))
except Exception as refused:
    print(json.dumps({"form": "client", "status": getattr(refused, "response", {}).get("ResponseMetadata", {}).get("HTTPStatusCode", 0),
                      "listsQueues": False}))

query = AWSRequest(method="POST", url=endpoint + "/", data={"Action": "ListQueues", "Version": "2012-11-05"},
                   headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
SigV4Auth(credentials, "sqs", "us-east-1").add_auth(query)
send("query", query)

presigned = AWSRequest(method="GET", url=endpoint + "/?Action=ListQueues&Version=2012-11-05")
SigV4QueryAuth(credentials, "sqs", "us-east-1", expires=60).add_auth(presigned)
send("presigned", presigned)
