#!/usr/bin/env python3
"""Checks tracemill's SFT exports with the real downstream tools, independently of the Java validators.

Usage: check_exports.py OUT_DIR [CHAT_TEMPLATE_DIR]

For every OUT_DIR/sft/<format>/<split>.jsonl (its <split>.meta.jsonl tags sidecar is checked for one
line per row, each with the unit id):
  * Hugging Face `datasets.load_dataset("json")` must load it with one row per line;
  * format rules are re-checked here, written from each target's documentation:
    - trl: every row renders with real model chat templates (Jinja, as transformers renders them) and
      every message's text appears in the rendering; tool-call arguments are objects;
    - openai: the OpenAI cookbook's fine-tuning format checks;
    - sharegpt: LLaMA-Factory's converter rules (role alternation), and dataset_info.json names files
      that exist with the sharegpt column/tag mapping;
    - alpaca / hf-conversations / vertex: required keys, types and role alternation.
Prints one line per file and exits non-zero on the first class of failure, naming file and line.
"""
import json
import os
import sys

import datasets
import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

datasets.disable_progress_bars()
datasets.logging.set_verbosity_error()

# Templates that render every row: their tool-call support matches TRL's message format, parallel calls
# included. Llama 3.1's own template allows one tool call per turn and drops an assistant's text next to
# a call (a limit of that model, not of the rows), so it is checked on rows without tool calls only.
TEMPLATES = ["qwen2_5.jinja", "qwen3.jinja"]
TEXT_ONLY_TEMPLATES = ["llama3_1.jinja"]
failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def template_env():
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(value, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                          sort_keys=sort_keys)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: "26 Jul 2024"
    return env


def check_trl(where, row, templates):
    messages = row.get("messages")
    if not isinstance(messages, list) or not messages:
        return fail(where, "messages must be a non-empty list")
    for m in messages:
        for call in m.get("tool_calls") or []:
            args = call.get("function", {}).get("arguments")
            if not isinstance(args, dict):
                fail(where, "trl tool_calls arguments must be JSON objects")
    has_tools = any(m.get("tool_calls") or m.get("role") == "tool" for m in messages)
    for name, template in templates.items():
        if has_tools and name in TEXT_ONLY_TEMPLATES:
            continue
        try:
            text = template.render(messages=messages, tools=row.get("tools"), add_generation_prompt=False,
                                   bos_token="<s>", eos_token="</s>")
        except Exception as e:  # noqa: BLE001 - any template failure is a finding
            fail(where, f"chat template {name} failed: {type(e).__name__}: {e}")
            continue
        for m in messages:
            content = m.get("content")
            if isinstance(content, str) and content and content.strip() not in text:
                fail(where, f"chat template {name} lost the text of a {m.get('role')} message")


def check_openai(where, row):
    # The OpenAI cookbook's "Data preparation and analysis for chat model fine-tuning" checks.
    messages = row.get("messages")
    if not messages:
        return fail(where, "missing messages list")
    allowed_roles = {"system", "user", "assistant", "tool", "function"}
    allowed_keys = {"role", "content", "name", "function_call", "tool_calls", "tool_call_id", "weight"}
    if not any(m.get("role") == "assistant" for m in messages):
        fail(where, "example is missing an assistant message")
    call_ids = set()
    for m in messages:
        if "role" not in m or ("content" not in m and "tool_calls" not in m and "function_call" not in m):
            fail(where, "message missing role or content")
        if set(m) - allowed_keys:
            fail(where, f"unrecognised message keys {sorted(set(m) - allowed_keys)}")
        if m.get("role") not in allowed_roles:
            fail(where, f"unrecognised role {m.get('role')}")
        content = m.get("content")
        if content is not None and not isinstance(content, str):
            fail(where, "content must be a string or null")
        if "weight" in m and (m.get("role") != "assistant" or m["weight"] not in (0, 1)):
            fail(where, "weight must be 0 or 1 and only on assistant messages")
        for call in m.get("tool_calls") or []:
            call_ids.add(call.get("id"))
            args = call.get("function", {}).get("arguments")
            if not isinstance(args, str):
                fail(where, "openai tool_calls arguments must be JSON strings")
            else:
                json.loads(args)
        if m.get("role") == "tool" and m.get("tool_call_id") not in call_ids:
            fail(where, "tool message answers no earlier tool call id")
    if not any(m.get("role") == "assistant" and m.get("weight", 1) == 1 for m in messages):
        fail(where, "no assistant message is trained (all weights 0)")


def check_sharegpt(where, row):
    # LLaMA-Factory SharegptDatasetConverter: odd positions from the user side, even from the model side.
    turns = row.get("conversations")
    if not isinstance(turns, list) or not turns:
        return fail(where, "conversations must be a non-empty list")
    odd = {"human", "observation"}
    even = {"gpt", "function_call"}
    for i, t in enumerate(turns):
        if t.get("from") not in (odd if i % 2 == 0 else even):
            fail(where, f"sharegpt turn {i} has from={t.get('from')}, breaking alternation")
        if not isinstance(t.get("value"), str):
            fail(where, f"sharegpt turn {i} value must be a string")
        if t.get("from") == "function_call":
            calls = json.loads(t["value"])
            for c in calls if isinstance(calls, list) else [calls]:
                if "name" not in c or "arguments" not in c:
                    fail(where, "function_call value needs name and arguments")
    if len(turns) % 2 != 0:
        fail(where, "sharegpt conversations must have an even number of turns")
    if "tools" in row and row["tools"] not in (None, ""):
        if not isinstance(row["tools"], str):
            fail(where, "sharegpt tools must be a JSON string")
        else:
            json.loads(row["tools"])


def check_alpaca(where, row):
    for key in ("instruction", "input", "output", "system"):
        if not isinstance(row.get(key), str):
            fail(where, f"alpaca {key} must be a string")
    if not row.get("instruction") or not row.get("output"):
        fail(where, "alpaca instruction and output must be non-empty")
    for pair in row.get("history") or []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            fail(where, "alpaca history entries must be [user, assistant] string pairs")


def check_hf_conversations(where, row):
    turns = row.get("conversations")
    if not isinstance(turns, list) or not turns:
        return fail(where, "conversations must be a non-empty list")
    roles = [t.get("role") for t in turns]
    if any(r not in ("system", "user", "assistant") for r in roles):
        fail(where, f"unexpected roles {roles}")
    if roles[-1] != "assistant":
        fail(where, "the last turn must be the assistant's")


def check_vertex(where, row):
    contents = row.get("contents")
    if not isinstance(contents, list) or not contents:
        return fail(where, "contents must be a non-empty list")
    expected = "user"
    for i, c in enumerate(contents):
        if c.get("role") != expected:
            fail(where, f"vertex contents[{i}] role {c.get('role')}, expected {expected}")
        expected = "model" if expected == "user" else "user"
        for p in c.get("parts") or []:
            if "functionCall" in p and not isinstance(p["functionCall"].get("args"), dict):
                fail(where, "functionCall args must be an object")
            if "functionResponse" in p and not isinstance(p["functionResponse"].get("response"), dict):
                fail(where, "functionResponse response must be an object")
    if contents[-1].get("role") != "model":
        fail(where, "vertex contents must end with a model turn")


CHECKS = {
    "openai": check_openai,
    "sharegpt": check_sharegpt,
    "alpaca": check_alpaca,
    "hf-conversations": check_hf_conversations,
    "vertex": check_vertex,
}


def check_meta(path, data_path):
    """A SPLIT.meta.jsonl sidecar: loads with datasets, one line per row of SPLIT.jsonl, each with a unit id."""
    if not os.path.exists(data_path):
        fail(path, "tags sidecar without its split file")
        return
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    with open(data_path, encoding="utf-8") as f:
        rows = sum(1 for line in f if line.strip())
    if len(lines) != rows:
        fail(path, f"sidecar has {len(lines)} lines, its split file has {rows} rows")
    loaded = datasets.load_dataset("json", data_files=path, split="train")
    if loaded.num_rows != len(lines):
        fail(path, f"datasets loaded {loaded.num_rows} rows, file has {len(lines)}")
    for n, line in enumerate(lines, 1):
        meta = json.loads(line)
        if not isinstance(meta.get("id"), str) or not meta["id"]:
            fail(f"{path}:{n}", "sidecar line lacks the unit id")


def main():
    out = sys.argv[1]
    template_dir = sys.argv[2] if len(sys.argv) > 2 else None
    env = template_env()
    templates = {}
    if template_dir:
        for name in TEMPLATES + TEXT_ONLY_TEMPLATES:
            path = os.path.join(template_dir, name)
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    templates[name] = env.from_string(f.read())
    sft = os.path.join(out, "sft")
    checked = 0
    for fmt in sorted(os.listdir(sft)):
        folder = os.path.join(sft, fmt)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if not name.endswith(".jsonl"):
                continue
            if name.endswith(".meta.jsonl"):
                check_meta(path, os.path.join(folder, name[: -len(".meta.jsonl")] + ".jsonl"))
                print(f"ok  {os.path.relpath(path, out)}  (tags sidecar)")
                continue
            with open(path, encoding="utf-8") as f:
                lines = [line for line in f if line.strip()]
            loaded = datasets.load_dataset("json", data_files=path, split="train")
            if loaded.num_rows != len(lines):
                fail(path, f"datasets loaded {loaded.num_rows} rows, file has {len(lines)}")
            for n, line in enumerate(lines, 1):
                row = json.loads(line)
                where = f"{path}:{n}"
                if fmt == "trl":
                    check_trl(where, row, templates)
                else:
                    CHECKS[fmt](where, row)
            checked += 1
            print(f"ok  {os.path.relpath(path, out)}  {len(lines)} rows")
        if fmt == "sharegpt":
            with open(os.path.join(folder, "dataset_info.json"), encoding="utf-8") as f:
                info = json.load(f)
            for entry, spec in info.items():
                if not os.path.exists(os.path.join(folder, spec["file_name"])):
                    fail(entry, f"dataset_info.json names a missing file {spec['file_name']}")
                if spec.get("formatting") != "sharegpt" or spec.get("columns", {}).get("messages") != "conversations":
                    fail(entry, "dataset_info.json entry lacks the sharegpt formatting/columns")
    if checked == 0:
        fail(out, "no export file found")
    if failures:
        for f in failures[:50]:
            print("FAIL " + f)
        print(f"{len(failures)} failures")
        sys.exit(1)
    print(f"{checked} files checked with datasets {datasets.__version__}, templates: "
          + (", ".join(templates) or "none"))


if __name__ == "__main__":
    main()
