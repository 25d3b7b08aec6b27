"""The one override mechanism: how a run changes the chapters' code, declared in each block's meta.

A Python fence's meta line may carry, for any profile name PROFILE (letters only):

  PROFILE-sub="OLD => NEW"     inside the block, replace OLD by NEW before running it. OLD must
                               occur exactly once in the block (else the run stops and says so),
                               so an edited chapter cannot silently lose its override.
  PROFILE-after="STATEMENTS"   run STATEMENTS right after the block, in the same namespace.

Both may repeat (several substitutions or statements, applied in the order written). NEW and
STATEMENTS may read the environment: `${NAME}` (an error if NAME is unset) or `${NAME:-default}`.
`${SEED}` must be an integer in 0…4294967295, as every seed of the project (src/lib/data/seed.ts).
Values are written in double quotes, or in single quotes when they contain double quotes.

A run selects one or more profiles; only their overrides apply. The profiles in use:

  test     `npm run test:python` and CI (tiny data set, one epoch): `test-after="num_epochs = 1"`
  device   the full runs of the PyTorch arms (scripts/device/): seed, num_workers, TF32 off
  probe    the learning-rate probe of the chapters (short runs with another learning rate)
  small    the small configuration (issue 29): image_size = 64, everything else as the chapters
           teach it; with `device` for seed and stop: --profile device,small --data full

The reader sees the block as written; the override is visible in the meta line of the MDX source
and printed by the runner whenever it applies. The meta line is parsed once, by the notebook
generator (src/lib/notebook/notebook.ts), and travels with each code cell of the program notebook
as `metadata.caltech101.attributes`; the chapter runner (tests/python/run_chapters.py) applies
`apply_overrides` per cell. `parse_meta` below reads the same syntax for tests.
"""
import os
import re

# key="value" or key='value' in a fence's meta line (Expressive Code's attribute syntax)
META_ATTRIBUTE = re.compile(r"""([\w-]+)=(?:"([^"]*)"|'([^']*)')""")
OVERRIDE_KEY = re.compile(r"^([a-z]+)-(sub|after)$")
ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
ARROW = " => "


class OverrideError(Exception):
    """An override that cannot apply: names the block and what to change in its meta line."""


def parse_meta(meta):
    """The attributes of a fence's meta line, in order, as (key, value) pairs (keys may repeat), as
    src/lib/notebook/notebook.ts's parseMeta reads them (test_notebook checks both agree)."""
    return [(m.group(1), m.group(2) if m.group(2) is not None else m.group(3)) for m in META_ATTRIBUTE.finditer(meta)]


SEED_MAX = 4294967295


def expand_env(text, env, where):
    """Replaces `${NAME}` / `${NAME:-default}` with the environment's values; SEED is checked."""

    def value(m):
        name, default = m.group(1), m.group(2)
        found = env[name] if name in env else default
        if found is not None and name == "SEED" and not (found.isascii() and found.isdigit() and len(found) <= 10 and int(found) <= SEED_MAX):
            raise OverrideError(f"{where}: invalid SEED: {found} (an integer in 0…{SEED_MAX})")
        if found is not None:
            return found
        raise OverrideError(f"{where}: the override uses ${{{name}}}, but {name} is not set (set it, or write ${{{name}:-default}})")

    return ENV_REFERENCE.sub(value, text)


def overrides_of(attributes, profiles):
    """The overrides for the selected profiles: ([(old, new)], [statements]), in meta order, unexpanded."""
    subs, after = [], []
    for key, value in attributes:
        m = OVERRIDE_KEY.match(key)
        if not m or m.group(1) not in profiles:
            continue
        if m.group(2) == "sub":
            if ARROW not in value:
                raise OverrideError(f'{key}="{value}": write OLD{ARROW}NEW')
            old, new = value.split(ARROW, 1)
            subs.append((old, new))
        else:
            after.append(value)
    return subs, after


def profiles_in(attributes):
    """Every profile name a block's meta mentions (to report overrides no run selects)."""
    return sorted({m.group(1) for key, _ in attributes for m in [OVERRIDE_KEY.match(key)] if m})


def apply_overrides(code, attributes, profiles, env=None, where="block"):
    """Applies the selected profiles' overrides to one block.

    Returns (code to run, statements to run after it, notes): the notes say in words what changed,
    for the runner to print. Raises OverrideError when a substitution's OLD is missing or not unique,
    or an environment variable is unset.
    """
    env = os.environ if env is None else env
    subs, after = overrides_of(attributes, set(profiles))
    notes = []
    for old, new in subs:
        count = code.count(old)
        if count != 1:
            found = "not found in the block" if count == 0 else f"found {count} times in the block (make it longer, so it is unique)"
            raise OverrideError(f"{where}: substitution «{old}» {found}")
        new = expand_env(new, env, where)
        code = code.replace(old, new)
        notes.append(f"instead of «{old}»: «{new}»")
    statements = [expand_env(s, env, where) for s in after]
    notes += [f"then: {s}" for s in statements]
    return code, statements, notes
