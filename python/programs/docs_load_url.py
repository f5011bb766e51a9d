import concurrent.futures
import urllib.request

URLS = ['http://127.0.0.1:8080/samples/1k.txt',
        'http://127.0.0.1:8080/samples/10k.txt',
        'http://127.0.0.1:8080/samples/100k.txt',
        'http://127.0.0.1:8080/samples/no-such-page.txt']

# Retrieve a single page and report the URL and contents
def load_url(url, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as conn:
        return conn.read()

# We can use a with statement to ensure threads are cleaned up promptly
with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
    # Start the load operations and mark each future with its URL
    future_to_url = {executor.submit(load_url, url, 60): url for url in URLS}
    for future in concurrent.futures.as_completed(future_to_url):
        url = future_to_url[future]
        try:
            data = future.result()
        except Exception as exc:
            print('%r generated an exception: %s' % (url, exc))
        else:
            print('%r page is %d bytes' % (url, len(data)))
