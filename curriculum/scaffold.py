"""Scaffolds: new module and scenario files that validate at once and stay drafts until registered.

``harm-repair new module NAME`` and ``harm-repair new scenario MODULE NAME`` call :func:`new_module`
and :func:`new_scenario`. They write files only; the command prints what they return. The files are
written from the templates below (not ``yaml.dump``) so that the comments telling a trainer what to
write survive. Placeholder text reads as an instruction ("Write one line: ..."), never as a marker
word, so a draft is plain to spot and still passes ``harm-repair validate``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .paths import REGISTRY_FILE
from .schema.adaptation import CHECKLIST
from .schema.base import ID_PATTERN

MAX_ID_LENGTH = 64
ACTIVITY_MINUTES = 20
"""Minutes the scaffolded scenario activity suggests."""


class ScaffoldError(Exception):
    """A scaffold was refused. The message says why, in plain words, and what to do instead."""


@dataclass(frozen=True)
class Scaffolded:
    """What a scaffold wrote, and the lines the trainer adds by hand to make it part of the curriculum."""

    paths: list[Path]
    """The files written, in order."""
    registry_lines: str
    """Lines to add to ``curriculum.yaml``."""
    module_lines: str = ""
    """Lines to add to the module's ``module.yaml`` (scenarios only)."""
    notes: list[str] = field(default_factory=list)
    """Other steps, one sentence each."""


def to_id(name: str) -> str:
    """Turn a name such as ``"Board meeting"`` or ``"Inés's story"`` into an id (``board-meeting``)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = ascii_name.replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _checked_id(name: str, what: str) -> str:
    new_id = to_id(name)
    if not new_id:
        raise ScaffoldError(f"Give the {what} a name with some letters or digits, for example 'board meeting'.")
    if len(new_id) < 2:
        raise ScaffoldError(f"The {what} name '{name}' is too short: an id needs at least two letters or digits.")
    if len(new_id) > MAX_ID_LENGTH:
        raise ScaffoldError(f"The {what} name is too long: keep it under {MAX_ID_LENGTH} letters.")
    if not ID_PATTERN.match(new_id):  # pragma: no cover - to_id only yields ids
        raise ScaffoldError(f"'{name}' cannot be turned into an id; use letters, digits and spaces.")
    return new_id


def _title(name: str, new_id: str) -> str:
    """The name as typed when it reads as a title, else the id turned back into words."""
    text = " ".join(name.split())
    if ID_PATTERN.match(text):
        return new_id.replace("-", " ").capitalize()
    return text


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _registered_module_ids(content: Path) -> list[str]:
    try:
        data = yaml.safe_load((content / REGISTRY_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    modules = data.get("modules") if isinstance(data, dict) else None
    if not isinstance(modules, list):
        return []
    return [str(m["id"]) for m in modules if isinstance(m, dict) and "id" in m]


def _existing_modules(content: Path) -> list[str]:
    return sorted(p.parent.name for p in content.glob("*/module.yaml"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


RESERVED_FOLDERS = ("locales",)
"""Folders of the content folder that are not modules (translations live in ``locales/``)."""


def new_module(content: Path, name: str, *, notebooks: Path | None = None) -> Scaffolded:
    """Write ``<content>/<id>/module.yaml`` and ``reflections.yaml`` for a new draft module.

    ``notebooks`` is the folder of module notebooks, used only to name one to copy.
    Raises :class:`ScaffoldError` when the name gives no id or the module already exists.
    """
    if not content.is_dir():
        raise ScaffoldError(f"{content}: there is no such content folder.")
    module_id = _checked_id(name, "module")
    if module_id in RESERVED_FOLDERS:
        raise ScaffoldError(
            f"'{module_id}' is the name of a folder the curriculum uses for itself; choose another name."
        )
    folder = content / module_id
    if folder.exists() or module_id in _registered_module_ids(content):
        raise ScaffoldError(
            f"A module called '{module_id}' already exists in {content}. Choose another name, "
            "or edit the existing module."
        )
    title = _title(name, module_id)
    folder.mkdir()
    paths = [
        _write(folder / "module.yaml", MODULE_TEMPLATE.format(id=module_id, title=_quoted(title))),
        _write(folder / "reflections.yaml", REFLECTIONS_TEMPLATE.format(id=module_id, title=_quoted(title))),
    ]
    registry_lines = (
        f"  - id: {module_id}\n"
        f"    notebook: {module_id}.ipynb\n"
        f"    metadata: {module_id}/module.yaml\n"
        f"    content:\n"
        f"      - {module_id}/reflections.yaml\n"
    )
    example = _example_notebook(content, notebooks)
    copy_from = f"modules/{example}.ipynb" if example else "an existing notebook in modules/"
    notes = [
        f"Create the notebook modules/{module_id}.ipynb: copy {copy_from} and change its one line "
        f'to show_module("{module_id}").'
    ]
    return Scaffolded(paths=paths, registry_lines=registry_lines, notes=notes)


def _example_notebook(content: Path, notebooks: Path | None) -> str | None:
    """A registered module whose notebook exists, to copy; the first registered module when unknown."""
    ids = _registered_module_ids(content)
    if notebooks is not None:
        ids = [i for i in ids if (notebooks / f"{i}.ipynb").is_file()]
    return ids[0] if ids else None


def _content_ids(folder: Path) -> set[str]:
    """The ids of the content files already in a module folder."""
    ids: set[str] = set()
    for path in folder.glob("*.y*ml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.add(data["id"])
    return ids


def _activity_ids(module_file: Path) -> set[str]:
    try:
        data = yaml.safe_load(module_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return set()
    activities = data.get("activities") if isinstance(data, dict) else None
    if not isinstance(activities, list):
        return set()
    return {str(a["id"]) for a in activities if isinstance(a, dict) and "id" in a}


def new_scenario(content: Path, module: str, name: str) -> Scaffolded:
    """Write ``<content>/<module>/scenario-<id>.yaml``: a branching composite scenario skeleton.

    Raises :class:`ScaffoldError` when the module does not exist, the name gives no id, or the
    file (or a file of that module with the same id) already exists.
    """
    folder = content / module
    if not module or not (folder / "module.yaml").is_file():
        known = ", ".join(_existing_modules(content)) or "none yet"
        raise ScaffoldError(
            f"There is no module '{module}' in {content} (no {module or '<module>'}/module.yaml). "
            f"Modules there: {known}. Create one first with 'harm-repair new module NAME'."
        )
    scenario_id = _checked_id(name, "scenario")
    path = folder / f"scenario-{scenario_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists. Choose another name, or edit that file.")
    if scenario_id in _content_ids(folder):
        raise ScaffoldError(
            f"Module '{module}' already has a content file with the id '{scenario_id}'. Choose another name."
        )
    title = _title(name, scenario_id)
    _write(path, SCENARIO_TEMPLATE.format(id=scenario_id, title=_quoted(title)))
    activities = _activity_ids(folder / "module.yaml")
    activity_id = scenario_id if scenario_id.endswith("scenario") else f"{scenario_id}-scenario"
    if activity_id in activities or len(activity_id) > MAX_ID_LENGTH:
        activity_id = scenario_id
    module_lines = (
        "# under 'activities':\n"
        f"  - id: {activity_id}\n"
        "    kind: scenario\n"
        f"    title: {_quoted(title)}\n"
        f"    minutes: {ACTIVITY_MINUTES}\n"
        f"    uses: {scenario_id}\n"
        "# under 'outline', where the scenario belongs on the page:\n"
        f"  - activity: {activity_id}\n"
    )
    registry_lines = f"# under module '{module}', in its 'content' list:\n      - {module}/{path.name}\n"
    notes = [f"Add {ACTIVITY_MINUTES} to activity_minutes in {module}/module.yaml."]
    return Scaffolded(paths=[path], registry_lines=registry_lines, module_lines=module_lines, notes=notes)


def next_steps(made: Scaffolded, *, relative_to: Path | None = None) -> str:
    """What to tell the trainer: the files written, then the lines to add by hand, as plain text."""

    def shown(path: Path) -> str:
        if relative_to is not None:
            try:
                return str(path.resolve().relative_to(relative_to.resolve()))
            except ValueError:
                pass
        return str(path)

    lines = [f"wrote {shown(path)}" for path in made.paths]
    lines += ["", "Fill in the placeholder sentences, then run 'harm-repair validate'."]
    lines += ["It is a draft, not shown to trainees, until you add it to the curriculum:"]
    if made.module_lines:
        lines += ["", "1. In the module's module.yaml, add:", "", made.module_lines.rstrip("\n")]
        lines += ["", "2. In curriculum.yaml, add:", "", made.registry_lines.rstrip("\n")]
    else:
        lines += ["", "1. In curriculum.yaml, under 'modules', add:", "", made.registry_lines.rstrip("\n")]
    lines += [""] + [f"- {note}" for note in made.notes]
    return "\n".join(lines)


_HEADER_CHECK = """\
# How to check it: run 'harm-repair validate' (or 'make validate'). It lists every
# problem with its line and how to fix it.
#
# This file is a DRAFT: trainees do not see it until curriculum.yaml names it.
"""

MODULE_TEMPLATE = (
    """\
# yaml-language-server: $schema=../../schemas/module.schema.json
# Module: {title}  (new draft)
#
# What this file is: the description of a module. It holds the overview, the
# short reading sections, the list of activities in order, the key points and
# what comes next.
#
# What to edit: replace every sentence that starts with "Write" or "Describe"
# with your own words. Keep the ids (the words before a colon, such as
# first-section) unless you change them everywhere they appear.
# - Text after a "|" is Markdown. Keep it indented by the same number of spaces.
# - Keep sentences short (under about 20 words) and write in your own words.
# - Add activities under "activities" and a line for each in the "outline".
#   activity_minutes must add up to the activities' minutes.
"""
    + _HEADER_CHECK
    + """\
# To publish it, add this module to curriculum.yaml (the command that made this
# file printed the lines), and create its notebook in modules/.
schema_version: 1
type: module
id: {id}
title: {title}
purpose: >-
  Write one line: what a trainee gains from this module.
audience:
  - Write who this module is for, one group per line.
  - For example, staff and volunteers at anti-trafficking organizations.
objectives:
  - >-
    Write one thing a trainee will be able to do afterwards, starting with
    "You will be able to".
teaching_minutes: 10
activity_minutes: 10
content_note_themes:
  # The themes a trainee meets anywhere in this module, in plain factual words.
  - Write one theme per line, such as workplace power imbalance.
overview: |
  Write two or three short paragraphs that open the module. Say what it covers,
  which part of the Harm and Repair report it follows, and why it matters in
  anti-trafficking work.

  Say that the stories are composite: made-up people and organizations, built
  from patterns many people have described.
sections:
  first-section: |
    Write a short reading section in your own words. Define each term the
    first time you use it. Rename this section's id to say what it is about,
    and change it in the outline too.
activities:
  # Each activity shows one content file: "uses" names that file's id.
  - id: reflect-on-practice
    kind: reflection
    title: Thinking about your practice
    minutes: 10
    uses: practice-reflections
outline:
  # The page from top to bottom. Move lines to change the order; each line has
  # one key: heading, section, activity or part (overview, key-points, whats-next).
  - heading: Overview
  - part: overview
  - heading: Write the heading of your first section
  - section: first-section
  - heading: Reflect on your practice
  - activity: reflect-on-practice
  - heading: Key points
  - part: key-points
  - heading: What's next
  - part: whats-next
key_points:
  - Write one key point per line, in one or two short sentences.
whats_next: |
  Write a few lines about what comes next in the curriculum, and remind
  trainees that the support panel at the top of every page is always open.
sources:
  - section: Write the section of the Harm and Repair report this module draws on
    note: >-
      Write what this module takes from that section, in a few words.
"""
)

REFLECTIONS_TEMPLATE = (
    """\
# yaml-language-server: $schema=../../schemas/reflection.schema.json
# Reflection activity for the module {title}  (new draft)
#
# What this file is: a few optional questions a trainee can think about or
# write about. Answers stay private in the trainee's own browser.
#
# What to edit: rewrite the intro and the two example prompts for this module,
# and add more prompts if you like (each needs its own id).
# - Prompts must be about the made-up characters, roles, organizations, or the
#   trainee's future practice. Never ask about a trainee's own trauma, history,
#   or past experiences of being harmed.
"""
    + _HEADER_CHECK
    + """\
# To publish it, list this file under the module's "content" in curriculum.yaml.
schema_version: 1
type: reflection
id: practice-reflections
title: Thinking about your practice
intro: |
  These prompts are **optional**. Answer one, all, or none.

  Anything you write stays **private** in your own browser. It is not sent to
  your facilitator or stored on a server.

  The prompts are about the made-up people in this module, and about the work
  you plan to do. They never ask about your history, and you do not need to
  share it.
prompts:
  - id: role-habit
    text: >-
      Pick a role you expect to hold in this work, such as supervisor, funder,
      board member or peer. What is one habit you could build into that role
      so that problems are noticed and named early?
    hint: >-
      Think about who holds more power in that role, and what they can change.
  - id: organization-practice
    text: >-
      Think of an organization like the ones in this module. Which routine
      practice would you change first, and who should have a say in the change?
"""
)

SCENARIO_TEMPLATE = (
    """\
# yaml-language-server: $schema=../../schemas/scenario.schema.json
# Scenario: {title}  (new draft)
#
# What this file is: a branching composite story. The trainee takes one seat
# (a role). Each node is one moment; each choice leads to another node. Some
# nodes are endings with a debrief.
#
# What to edit: replace every sentence that starts with "Write" or "Describe"
# with your own words.
# - Every "goes_to" must name an existing node id. Every node must be reachable
#   from "start", and every node must have a path to an ending.
# - "stage" names the cycle stage the moment shows: exuberance,
#   trust-dependency, frustration-criticism, invalidation, resignation,
#   loss-of-self or normalization.
# - "effect" says whether a choice feeds the cycle or interrupts it at that
#   node's stage. "neutral" is for choices that do neither on their own.
# - Endings have no choices. Keep consequences realistic: interrupting the
#   cycle helps, but it can cost time, money or comfort.
# - Composite story only: invented first names, no real organizations, small
#   places or exact dates. Show sector dynamics, never trafficking acts.
# - Keep the review status as it is until people with lived experience have
#   really reviewed the story.
"""
    + _HEADER_CHECK
    + """\
# To publish it, add it to its module's activities and outline, and list this
# file under the module's "content" in curriculum.yaml (the command that made
# this file printed the lines).
schema_version: 1
type: scenario
id: {id}
title: {title}
seat: Write whose seat the trainee takes, such as program director
intro: |
  Describe the trainee's seat in two or three sentences: their role, the
  organization and what it does.

  Describe the other main character: a person first, with a first name, a job
  and a few strengths. Use the words they would use for themselves.

  Say that this is a composite story: the people and the organization are made
  up, built from patterns many people have described.
provenance:
  composite: true
  written_by: Harm and Repair curriculum project
  review_status: awaiting review by people with lived experience
content_note:
  themes:
    # Name each theme the story touches, in plain factual words.
    - Write one theme per line, such as workplace power imbalance.
  summary: |
    Write a short summary a trainee can read instead of the story, at no cost.
    Say what happens and how the endings differ, in four or five sentences.
facts:
  # trafficking_context is one of: labor, sex, labor and sex, familial, not stated.
  trafficking_context: not stated
  setting: Write where the story happens, such as a shelter program
  roles:
    - Write the role of each person, one per line, such as program manager.
  identities: []
  # List identities the story states, such as migrant or trans woman, one per line.
start: start
nodes:
  - id: start
    stage: exuberance
    text: |
      **Week 1.** Describe the moment in two or three sentences: where we are,
      who is there and what just happened. Show real warmth and praise.
    facilitator_notes: >-
      Write what a facilitator could ask the group about this moment.
    choices:
      - id: set-up-structure
        text: >-
          Write what the trainee could do here that interrupts the cycle, such
          as agreeing on role, pay and feedback.
        goes_to: early-agreement
        effect: interrupts
        consequence: >-
          Write what happens next, including any cost in time, money or comfort.
      - id: ride-the-praise
        text: >-
          Write what the trainee could do here that feeds the cycle, such as
          booking the person to speak before anything is agreed.
        goes_to: first-criticism
        effect: feeds
        consequence: >-
          Write what happens next. Keep it realistic: nothing bad may show yet.
  - id: early-agreement
    stage: trust-dependency
    text: |
      **Month 2.** Describe a moment when the other character starts to rely on
      the organization, or the organization on them.
    choices:
      - id: keep-it-fair
        text: >-
          Write a choice that keeps the agreement fair and open to change.
        goes_to: end-interrupted
        effect: interrupts
        consequence: >-
          Write what this costs and what it protects.
      - id: let-it-slide
        text: >-
          Write a choice that lets the agreement slide because things seem fine.
        goes_to: first-criticism
        effect: feeds
  - id: first-criticism
    stage: frustration-criticism
    text: |
      **Month 5.** Describe the first time the other character raises a concern
      or asks for a say, and how people react.
    choices:
      - id: treat-as-expertise
        text: >-
          Write a choice that treats the concern as expertise and acts on it.
        goes_to: repair-talk
        effect: interrupts
        consequence: >-
          Write what happens next, including any discomfort for the trainee.
      - id: criticize-the-tone
        text: >-
          Write a choice that judges the tone instead of the point.
        goes_to: going-quiet
        effect: feeds
        consequence: >-
          Write how the other character responds.
  - id: repair-talk
    stage: invalidation
    text: |
      **Month 6.** Describe a conversation where someone with more power names
      what went wrong and their own part in it.
    facilitator_notes: >-
      Write how this moment shows accountability: self-reflection, apology,
      repair and changed behavior. Repair does not oblige forgiveness.
    choices:
      - id: change-what-we-do
        text: >-
          Write a choice that asks what repair would look like to the other
          character, and commits to changes with a date to check.
        goes_to: end-interrupted
        effect: interrupts
      - id: ask-to-move-on
        text: >-
          Write a choice that asks the other character to move on quickly.
        goes_to: going-quiet
        effect: feeds
  - id: going-quiet
    stage: resignation
    text: |
      **Month 9.** Describe how the other character has gone quiet, and what
      others say about it.
    choices:
      - id: check-in
        text: >-
          Write a choice that notices the silence and asks, in private, what
          changed.
        goes_to: end-interrupted
        effect: interrupts
      - id: treat-calm-as-progress
        text: >-
          Write a choice that treats the calm as progress.
        goes_to: end-continues
        effect: feeds
  - id: end-interrupted
    text: |
      **Month 12.** Describe where things stand at this ending, in one or two
      sentences.
    ending:
      kind: cycle-interrupted
      title: Write a short title for this ending
      debrief: |
        Write what happened and why, using the cycle's own terms. Admit what it
        cost.

        **What made the difference:** write which choices helped, and who
        carried the work of changing things.
  - id: end-continues
    text: |
      **Month 12.** Describe where things stand at this ending, in one or two
      sentences.
    ending:
      kind: cycle-continues
      title: Write a short title for this ending
      debrief: |
        Write what happened and why, using the cycle's own terms. Do not shame
        anyone; say that impact matters more than intent.

        **What could change it:** write where the trainee could have
        interrupted the cycle, and how.
source:
  section: "Causing Harm: the Survivor Leadership Cycle of Unhealthy Attachment"
  note: >-
    Write which parts of the report this story draws on.
"""
)


# ---------------------------------------------------------------------------------------------
# Adaptation records (``harm-repair new adaptation NAME``)


def new_adaptation(folder: Path, content: Path, name: str, *, today: dt.date | None = None) -> Scaffolded:
    """Write ``<folder>/<id>.yaml``: a draft adaptation record that validates at once.

    ``folder`` is the adaptations folder (created when missing); ``content`` the content folder,
    whose registered modules the draft lists. Raises :class:`ScaffoldError` when the name gives
    no id, the record exists, or the content folder has no registered module.
    """
    record_id = _checked_id(name, "deployment")
    modules = _registered_module_ids(content)
    if not modules:
        raise ScaffoldError(f"There is no {REGISTRY_FILE} with modules in {content}, so a record cannot list them.")
    path = folder / f"{record_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists. Choose another name, or edit that file.")
    folder.mkdir(parents=True, exist_ok=True)
    checklist = "".join(
        f"  # {title}\n"
        f"  - id: {item}\n"
        "    answer: not yet\n"
        "    note: >-\n"
        "      Write what you did about this, or what is still missing and your plan.\n"
        for item, title in CHECKLIST.items()
    )
    text = ADAPTATION_TEMPLATE.format(
        id=record_id,
        name=_quoted(_title(name, record_id)),
        started=(today or dt.date.today()).isoformat(),
        modules="".join(f"  - {module}\n" for module in modules),
        checklist=checklist,
    )
    _write(path, text)
    notes = [
        "Fill in every sentence that starts with 'Write', then run 'harm-repair validate'.",
        "Add a line under 'changes' for each change you make, as you make it.",
        "Keep the review status 'draft' or 'in review' until people with lived experience have really reviewed it.",
        "The trainer guide (docs/trainer-guide.md) explains each checklist question.",
    ]
    return Scaffolded(paths=[path], registry_lines="", notes=notes)


def adaptation_next_steps(made: Scaffolded, *, relative_to: Path | None = None) -> str:
    """What to tell the trainer after ``new adaptation``: the file written, then what to do next."""
    shown = next_steps(Scaffolded(made.paths, ""), relative_to=relative_to).splitlines()[: len(made.paths)]
    return "\n".join([*shown, "", *(f"- {note}" for note in made.notes)])


ADAPTATION_TEMPLATE = """\
# yaml-language-server: $schema=../schemas/adaptation-record.schema.json
# Adaptation record: {name}  (new draft)
#
# What this file is: the record of one deployment of the curriculum. It says
# what you changed and why, who did the work and how they were paid, your
# answers to the adaptation checklist, and whether the adaptation has been
# reviewed. The trainer guide (docs/trainer-guide.md) explains every part.
#
# What to edit: replace every sentence that starts with "Write" with your own
# words. Name people by their role unless they choose to be named.
# - Never write a survivor's story, name or identifying detail here.
# - Keep the review status honest: "draft" or "in review" until people with
#   lived experience have really reviewed the adaptation.
#
# How to check it: run 'harm-repair validate' (or 'make validate'). It lists
# every problem with its line and how to fix it.
schema_version: 1
type: adaptation-record
id: {id}
language: en
deployment:
  name: {name}
  region: Write the region or community you serve, as broadly as you like
  languages:
    - Write each language the sessions run in, one per line
  audience:
    - Write who the trainees are, one group per line
started: {started}
modules:
  # The modules you use, as named in content/curriculum.yaml. Remove the others.
{modules}changes: []
  # Replace [] with one entry per change, like this:
  # - id: local-support-services
  #   file: resources.yaml          # a path inside the content folder
  #   item: trafficking-hotline     # optional: the id of the item you changed
  #   what: Added our regional support services.
  #   why: Trainees need help close to home, in their languages.
  #   by: Lead trainer
contributors: []
  # Replace [] with everyone who adapts, reviews or pilots it, like this:
  # - role: Peer reviewers with lived experience (2 people)
  #   paid: true
  #   how_paid: Flat fee per session, paid within a week, travel paid upfront.
checklist:
  # One answer per question of the checklist in the trainer guide.
  # answer is one of: yes, partly, not yet, does not apply.
{checklist}review:
  # status is one of: draft, in review, approved. Once approved, add
  # reviewed_by (a role is enough) and date (YYYY-MM-DD).
  status: draft
"""
