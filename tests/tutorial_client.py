#!/usr/bin/env python3
"""The tutorial's repost client, ported to Python 3 and the standard library.

It fetches the reposts of one post the way the tutorial did: page 1 first,
for `total_number`; then `pages = total_number // 200 + 1`, at most 10 (the
API serves only the latest 2000 reposts); then every page at once with
`Pool.apply_async`, and the `reposts` lists concatenated.

Usage: python3 tests/tutorial_client.py BASE_URL [POOL_SIZE [ACCESS_TOKEN]]
  e.g. python3 tests/tutorial_client.py http://127.0.0.1:8080

Prints one JSON line: the post's total_number, the pages fetched, the
reposts received, how many distinct ids they have, and the seconds taken.
"""

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from multiprocessing import Pool

MID = 3664072912104801  # the tutorial's post
COUNT = 200  # reposts per page, the API's maximum
MAX_PAGES = 10  # 2000 served reposts / 200 per page
API_PATH = "/2/statuses/repost_timeline.json"


def get_page(base, page, access_token):
    """One page of reposts: the API's JSON answer as a dict."""
    query = urllib.parse.urlencode(
        {"id": MID, "count": COUNT, "page": page, "access_token": access_token}
    )
    url = f"{base}{API_PATH}?{query}"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.load(response)
    except urllib.error.HTTPError as err:
        # Weibo's errors are JSON too: {"error": ..., "error_code": ...}.
        body = err.read().decode("utf-8", "replace")
        raise RuntimeError(f"page {page}: HTTP {err.code}: {body}") from None


def fetch_all(base, processes, access_token):
    """The tutorial's flow: page 1 for the total, then all pages at once."""
    total_number = get_page(base, 1, access_token)["total_number"]
    pages = min(total_number // COUNT + 1, MAX_PAGES)

    pool = Pool(processes)
    results = [
        pool.apply_async(get_page, (base, page, access_token))
        for page in range(1, pages + 1)
    ]
    pool.close()
    pool.join()
    reposts = []
    for result in results:
        reposts.extend(result.get()["reposts"])
    return total_number, pages, reposts


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    base = sys.argv[1].rstrip("/")
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    access_token = sys.argv[3] if len(sys.argv) > 3 else "playground"

    start = time.time()
    try:
        total_number, pages, reposts = fetch_all(base, processes, access_token)
    except (RuntimeError, urllib.error.URLError) as err:
        sys.exit(f"error: {err}")
    print(
        json.dumps(
            {
                "total_number": total_number,
                "pages": pages,
                "reposts": len(reposts),
                "unique_ids": len({status["id"] for status in reposts}),
                "seconds": round(time.time() - start, 3),
            }
        )
    )

if __name__ == "__main__":
    main()
