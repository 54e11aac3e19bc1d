#!/usr/bin/env python3
"""Writes tracemill-core/src/main/resources/dev/tracemill/privacy/decoys.tsv: the built-in
over-redaction corpus for `tracemill pii-eval --decoys`.

Each kind has hand-written values (realistic, none personal or secret) and hand-written chat, tool and
log sentences with a {} slot. Lines are value x template pairs drawn with a fixed seed, so the file is
byte-stable; every value appears at least once. Output line: KIND<TAB>text with the decoy in [[ ]].
Run: python3 bench/decoys/generate_decoys.py  (no network, standard library only).
"""
import random
import sys
from pathlib import Path

KINDS = {
    "version": (
        ["0.2.14", "0.3.1", "1.26.4", "2.0.0", "3.11.9", "22.04.4", "12.4.1", "v1.29.3", "4.10.1", "v2.5.0-rc.1",
         "1.0.0-beta.2+exp.sha.5114f85", "10.0.19045", "124.0.6367.207", "8.7", "1.9.23", "2.5.0.1", "17.0.11+9",
         "v0.6.3", "2024.1.2", "3.2.0-SNAPSHOT", "5.15.0-105-generic", "1.10.0", "6.8.12", "0.0.1-alpha",
         "v20.12.2", "4.44.2", "2.3.0+cu121", "11.0.23", "3.1.4", "0.15.4"],
        ["Upgraded the SDK to {} and the tool calls started failing.",
         "Please pin it to {} until the fix lands.",
         "We are running {} in production.",
         "{\"package\": \"requests\", \"version\": \"{}\"}",
         "The changelog for {} mentions a breaking change in streaming.",
         "pip install transformers=={} fails on this machine.",
         "Which features were added in {}?",
         "The server reports build {} after the update.",
         "[startup] runtime={} jvm_args=-Xmx4g"]),
    "price": (
        ["$1,234.56", "$12,480.00", "€49.99", "€499.00", "£7.50", "$0.002", "$2.49", "$19.92", "¥12,000",
         "USD 3,456,789.12", "$15", "€1.299,00", "$0.15", "$99/month", "CHF 120.00", "$4,999", "₹2,499",
         "$0.0004", "A$89.95", "$1.2M", "€3.5k", "$79.00", "£1,050", "$310.40", "$6.00"],
        ["The total came to {} including tax.",
         "Our monthly bill went up to {} after the price change.",
         "The plan costs {} per seat.",
         "{\"item\": \"GPU hour\", \"price\": \"{}\"}",
         "Can you refund the {} charge from last week?",
         "Input tokens are billed at {} per 1K.",
         "The quote we got was {} for the whole year."]),
    "timestamp": (
        ["2026-11-22T04:30:00Z", "2026-11-22T04:30:02.512Z", "2024-05-01T12:00:00+02:00", "2026-11-22 04:30:00.123456+00:00",
         "1700000000", "1700000000123", "04:30:00 UTC", "2024-03-14 09:15:27,512", "Tue, 14 May 2024 08:30:00 GMT",
         "2025-01-31T23:59:59.999999Z", "20240514T083000Z", "12:45:03.221", "2023-12-25", "1716200000.123",
         "Thu Mar 14 09:26:53 2024", "2024-W20", "2024-05-14 08:30", "00:01:23.456", "2026-02-28T00:00:00",
         "1699999999999"],
        ["Request started at {} and finished two seconds later.",
         "{\"ts\": \"{}\", \"level\": \"info\", \"msg\": \"job done\"}",
         "The cron job ran at {} and exited with status 0.",
         "[{}] INFO Started in 12.345 seconds",
         "created_at={} updated_at=null",
         "The last successful sync was {}.",
         "Show me all errors logged after {}."]),
    "http_status": (
        ["HTTP 503", "200 OK", "429 Too Many Requests", "201 Created", "status=404", "502 Bad Gateway",
         "HTTP/1.1 301", "500 Internal Server Error", "401 Unauthorized", "403 Forbidden", "HTTP/2 204",
         "422 Unprocessable Entity", "\"status\": 409", "504", "HTTP 418", "code=400", "307 Temporary Redirect",
         "HTTP/1.1 206 Partial Content", "status_code: 503", "408"],
        ["The server returned {} after 30000 ms.",
         "GET /v1/chat/completions -> {} (1532 ms)",
         "Got {} from the upstream, retrying in 2.5 s.",
         "{\"url\": \"/api/orders\", \"result\": \"{}\"}",
         "Why does the endpoint answer {} only in staging?",
         "Every call to the search tool fails with {}."]),
    "code_identifier": (
        ["get_user_by_id", "parseIso8601Timestamp", "MAX_RETRIES", "onCreate", "savedInstanceState",
         "HttpClient.newBuilder()", "useEffect", "np.float32", "torch.nn.functional.cross_entropy",
         "AbstractSingletonProxyFactoryBean", "__init__", "self.hidden_size", "userId", "Optional[User]",
         "std::vector<std::string>", "Promise.allSettled", "kube-apiserver", "RecursionError",
         "NullPointerException", "org.springframework.boot", "ConcurrentHashMap", "fetchOrderHistory",
         "snake_case_name", "CamelCaseName", "String.valueOf", "Jackson ObjectMapper", "ReentrantLock",
         "BeautifulSoup", "pd.read_parquet", "tf.keras.layers.Dense", "LlamaForCausalLM", "AutoTokenizer",
         "Thread.sleep", "window.localStorage", "tokio::spawn", "Vec::with_capacity", "serde_json::Value",
         "Mary.had.a.little.lamb", "Jordan.normalize", "Victoria.connect"],
        ["The function {} returns null for malformed input.",
         "Rename {} before the refactor lands.",
         "Traceback: File \"app.py\", line 42, in {}",
         "{\"tool\": \"search_code\", \"query\": \"{}\"}",
         "Can you explain what {} does in this snippet?",
         "The stack trace points at {} again.",
         "I replaced {} with a plain loop and it got faster."]),
    "commit_sha": (
        ["4b825dc642cb6eb9a060e54bf8d69288fbee4904", "9fceb02d0ae598e95dc970b74767f19372d61af8", "a1b2c3d",
         "e83c5163316f89bfbde7d9ab23ca2e25604af290", "3f786850e387550fdab836ed7e6dc881de23001b", "1a410ef",
         "89e6c98d92887913cadf06b2adb97f26cde4849b", "d670460b4b4aece5915caf5c68d12f560a9fe3e4", "c1f4e9a",
         "5e1c309dae7f45e0f39b1bf3ac3cd9db12e7d689", "0cc175b9c0f1b6a831c399e269772661", "7b52009",
         "fe5dbbcea5ce7e2988b8c69bcfdfde8904aabc1f", "2ef7bde", "b6589fc6ab0dc82cf12099d1c2d40ab994e8410c"],
        ["Fixed in commit {} on main.",
         "git cherry-pick {}",
         "See {} for the revert.",
         "{\"ref\": \"{}\", \"branch\": \"release/2.4\"}",
         "Which change in {} broke the build?",
         "HEAD is now at {} Merge pull request #4521"]),
    "uuid": (
        ["550e8400-e29b-41d4-a716-446655440000", "7f3c9a2e-1b4d-4c8a-9e2f-0a1b2c3d4e5f",
         "123e4567-e89b-12d3-a456-426614174000", "f47ac10b-58cc-4372-a567-0e02b2c3d479",
         "c9bf9e57-1685-4c89-bafb-ff5af830be8a", "01HZX3K9Q7M2V8W5T4R6Y1N0PB", "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
         "chatcmpl-9xKq2mVbT8aLrZ3nP0sW", "req_011CQaxW5mJ1yLwDq8C2sFh7", "run_4nG7bQ2xYpVw9kL3",
         "3fa85f64-5717-4562-b3fc-2c963f66afa6", "00000000-0000-0000-0000-000000000000",
         "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "msg_01XFDUDYJgAACzvnptvVoYEL"],
        ["request_id={} latency_ms=842",
         "X-Request-Id: {}",
         "The run id is {}; please attach it to the ticket.",
         "{\"id\": \"{}\", \"object\": \"chat.completion\"}",
         "Support asked for the trace {} from yesterday's failure.",
         "Look up the job {} in the dashboard."]),
    "file_path": (
        ["/var/log/nginx/access.log", "/home/ubuntu/.cache/huggingface/hub", "C:\\Users\\Public\\Documents\\report.xlsx",
         "src/main/java/com/example/App.java", "./data/train-00000-of-00004.parquet", "~/.config/gcloud/configurations",
         "/etc/ssl/certs/ca-certificates.crt", "/opt/conda/envs/py311/lib/python3.11/site-packages",
         "../shared/fixtures/openai_chat.jsonl", "/tmp/tmpa8f3k2l1/checkpoint-500", "D:\\builds\\v2.1\\setup.exe",
         "/usr/local/bin/python3", "s3://ml-artifacts/runs/2024-05-14/model.safetensors", "docs/api/v1/index.md",
         "/Users/runner/work/app/app/node_modules", "gs://public-datasets/wiki/en/part-0001.jsonl.gz",
         "/home/jenkins/workspace/main@2/build", "lib/Jordan/utils.rb", "/srv/www/victoria-park/index.html",
         "/mnt/data/Paris_2024_results.csv"],
        ["The file {} is missing after the deploy.",
         "cat {} | tail -n 50",
         "{\"path\": \"{}\", \"size\": 40960}",
         "Permission denied when writing to {}.",
         "Where does the loader look besides {}?",
         "Saved the results to {}."]),
    "hex_colour": (
        ["#ff5733", "#1E90FF", "#000", "#FFFFFF", "#3c3c3c", "#e0e0e0", "#0a0", "#7B68EE", "#ff000080",
         "#2b2d42", "#8d99ae", "#edf2f4", "#ef233c", "#d90429", "#ABCDEF"],
        ["Make the primary button {} and the border a shade darker.",
         "color: {}; background: transparent;",
         "{\"theme\": {\"accent\": \"{}\"}}",
         "The brand colour is {} in the style guide.",
         "Swap {} for something with better contrast."]),
    "port": (
        ["localhost:8080", "port 5432", "0.0.0.0:8000", ":3000", "127.0.0.1:11434", "port 6379", "--port 9090",
         "EXPOSE 8443", "listen 443", "redis:6380", "-p 5000:5000", "port=27017", "http://localhost:7860",
         "ws://127.0.0.1:9222", "host.docker.internal:4318"],
        ["The service listens on {} inside the container.",
         "Connection refused on {}.",
         "{\"endpoint\": \"{}\", \"healthy\": false}",
         "Is anything else bound to {}?",
         "Start it with {} and open the browser."]),
    "checksum": (
        ["sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
         "d41d8cd98f00b204e9800998ecf8427e", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         "\"33a64df551425fcc55e4d42a148795d9f25f89d4\"", "crc32:3610a686",
         "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==",
         "md5=5d41402abc4b2a76b9719d911017c592", "blake2b:786a02f742015903c6c6fd852552d272",
         "sha1:2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "xxh64:ef46db3751d8e999"],
        ["The image digest is {}.",
         "Checksum mismatch: expected {}.",
         "{\"file\": \"model.bin\", \"digest\": \"{}\"}",
         "Verify the download against {} before loading it."]),
    "duration_size": (
        ["30000 ms", "2.5 s", "12.345 seconds", "842ms", "1h 23m", "4096 bytes", "1.5 GiB", "512MB", "80 GB",
         "3.2 TB", "16k tokens", "128,000 tokens", "7B parameters", "70B", "8x H100", "24 GB VRAM", "2048",
         "1e-4", "0.95", "99.9%"],
        ["The batch took {} on average.",
         "We allocated {} for the cache.",
         "{\"metric\": \"p95\", \"value\": \"{}\"}",
         "Context length is {} for this model.",
         "Is {} enough for fine-tuning?"]),
    "model_name": (
        ["gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022", "Llama-3.1-8B-Instruct", "mistral-large-2407",
         "gemini-1.5-pro-002", "Qwen2.5-72B-Instruct", "text-embedding-3-small", "o1-preview", "phi-3-mini-4k-instruct",
         "meta-llama/Meta-Llama-3-70B", "bert-base-uncased", "all-MiniLM-L6-v2", "gpt-3.5-turbo-0125",
         "deepseek-coder-6.7b-instruct", "whisper-large-v3"],
        ["Switch the default model to {}.",
         "{\"model\": \"{}\", \"temperature\": 0.2}",
         "Does {} support tool calling?",
         "The eval scores for {} dropped after the update."]),
    "env_config": (
        ["OPENAI_API_KEY", "AWS_REGION=us-east-1", "DATABASE_URL", "LOG_LEVEL=debug", "NODE_ENV=production",
         "CUDA_VISIBLE_DEVICES=0,1", "HF_HOME", "JAVA_HOME=/usr/lib/jvm/java-17", "MAX_WORKERS=16",
         "GITHUB_TOKEN", "PYTHONPATH=src", "REDIS_HOST=cache", "API_BASE_URL", "TZ=UTC", "KAFKA_BROKERS"],
        ["Set {} in the .env file and restart.",
         "The container does not see {}.",
         "{\"env\": [\"{}\"]}",
         "Which service reads {}?"]),
    "url": (
        ["https://docs.python.org/3/library/json.html", "https://github.com/huggingface/transformers/issues/28005",
         "https://api.openai.com/v1/chat/completions", "https://pypi.org/project/requests/2.31.0/",
         "http://localhost:3000/dashboard?tab=metrics", "https://example.com/docs#install",
         "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20", "https://arxiv.org/abs/2305.14314",
         "https://status.anthropic.com/incidents/abc123", "https://hub.docker.com/_/postgres?tab=tags&page=2",
         "https://en.wikipedia.org/wiki/Jordan_curve_theorem", "https://maps.example.org/tiles/12/2048/1361.png"],
        ["The docs at {} describe the same error.",
         "{\"source\": \"{}\", \"status\": 200}",
         "Can you summarise {} for me?",
         "The link {} returns a redirect now."]),
    "error_code": (
        ["ECONNREFUSED", "ETIMEDOUT", "E11000", "ORA-00942", "ERR_SSL_PROTOCOL_ERROR", "SQLSTATE[23505]",
         "0x80070005", "ENOENT", "errno 111", "EXC_BAD_ACCESS", "SIGKILL", "exit code 137", "CVE-2024-3094",
         "JIRA-4521", "PR #1873", "issue #28005", "GHSA-vh95-rmgr-6w4m", "KB5034441"],
        ["The worker died with {} during the upload.",
         "{\"error\": {\"code\": \"{}\", \"retryable\": true}}",
         "What does {} mean here?",
         "This looks like {} again, see the previous incident."]),
}

PER_KIND = {"code_identifier": 48, "version": 42, "timestamp": 36, "price": 32, "uuid": 28, "file_path": 30,
            "commit_sha": 26, "http_status": 26, "checksum": 20, "port": 24, "hex_colour": 20,
            "duration_size": 26, "model_name": 24, "env_config": 22, "url": 20, "error_code": 24}


def main():
    rnd = random.Random(20261202)
    out = ["# Over-redaction decoys: values in chat, tool and log text that look like data but are neither",
           "# personal nor secret. Written by bench/decoys/generate_decoys.py (hand-written values and",
           "# sentences, fixed seed). Format: KIND<TAB>text, each decoy in [[ ]]. Written for tracemill, same licence.",
           "# The hashes, ids and versions are public or made up; none identifies a person or grants access."]
    for kind, (values, templates) in KINDS.items():
        n = max(PER_KIND[kind], len(values))
        pairs = [(v, templates[i % len(templates)]) for i, v in enumerate(values)]
        while len(pairs) < n:
            pairs.append((rnd.choice(values), rnd.choice(templates)))
        seen = set()
        for v, t in pairs:
            # JSON templates hold the value inside a string: escape a backslash and a quote as JSON does.
            value = v
            if t.startswith("{") and ("\\" in v or '"' in v):
                value = v.replace("\\", "\\\\").replace('"', '\\"')
            line = t.replace("{}", "[[" + value + "]]")
            if line in seen:
                continue
            seen.add(line)
            assert "\t" not in line
            out.append(kind + "\t" + line)
    target = Path(__file__).resolve().parents[2] / "tracemill-core/src/main/resources/dev/tracemill/privacy/decoys.tsv"
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out) - 4} lines -> {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
