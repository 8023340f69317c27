"""Validate content files: each file against its model, then the rules that span files.

Every problem is collected (nothing stops at the first one) and carries ``file:line``,
what is wrong in plain words, and a hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .engines.scenario import can_reach_an_ending, reachable
from .load import LoadedFile, YamlSyntaxError, load_yaml
from .messages import describe
from .paths import REGISTRY_FILE
from .problems import Problem, ProblemReport
from .schema import (
    MODELS,
    PARTS,
    REPAIR_LEVELS,
    SCHEMA_VERSION,
    STAGES,
    ApologyWorkshop,
    Classification,
    Comparison,
    ContentFile,
    Cycle,
    Escalation,
    Module,
    ModuleEntry,
    Questions,
    Reflection,
    Registry,
    RepairPlan,
    Resources,
    Responses,
    Scenario,
    file_type_of,
)

STALE_AFTER_DAYS = 365
ACTIVITY_TYPES = {
    "comparison",
    "classification",
    "escalation",
    "reflection",
    "cycle",
    "scenario",
    "responses",
    "questions",
    "apology-workshop",
    "apology-rules",
    "repair-plan",
}
"""File types a module may list among its content (``apology-rules`` is read by an apology workshop)."""

# Words that would turn a reflection prompt into a question about the learner's own past.
# The curriculum never asks learners to disclose trauma (CONTENT_GUIDE.md, "Learners are safe").
_DISCLOSURE = re.compile(
    r"\b(your own (trauma|abuse|trafficking|victimi[sz]ation|history|past|story)"
    r"|when you were (trafficked|abused|exploited|harmed|hurt)"
    r"|(your|you) (were|have been) (trafficked|abused|exploited|victimi[sz]ed)"
    r"|your (trauma|abuser|trafficker|victimi[sz]ation)"
    r"|share (your|a) (personal )?(story|experience) of)",
    re.IGNORECASE,
)


@dataclass
class ParsedFile:
    loaded: LoadedFile
    model: ContentFile | None


@dataclass
class ValidationReport(ProblemReport):
    """The outcome of validating a content folder or a file."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    files: dict[Path, ParsedFile] = field(default_factory=dict)
    drafts: list[Path] = field(default_factory=list)
    guides: list[Path] = field(default_factory=list)
    """Facilitator guides checked along with the content (see :mod:`curriculum.guides`)."""
    adaptations: list[Path] = field(default_factory=list)
    """Adaptation records checked along with the content (see :mod:`curriculum.adaptations`)."""

    def errors_in(self, paths: Iterable[Path]) -> list[Problem]:
        wanted = {p.resolve() for p in paths}
        return [p for p in self.errors if p.path.resolve() in wanted]


def check_file(path: Path) -> tuple[ParsedFile | None, list[Problem]]:
    """Parse one file and validate it against the model its ``type`` names."""
    try:
        loaded = load_yaml(path)
    except YamlSyntaxError as err:
        return None, [Problem(path, err.line, err.problem, "fix the YAML on this line, then run the check again")]
    except OSError as err:
        return None, [Problem(path, 1, f"the file cannot be read ({err.strerror})", "check that it exists")]
    data = loaded.data
    if not isinstance(data, dict):
        return ParsedFile(loaded, None), [
            Problem(path, 1, "the file does not hold 'key: value' lines", "start from a working file of the same type")
        ]
    problems: list[Problem] = []
    version = data.get("schema_version")
    if version is None:
        problems.append(
            Problem(path, 1, "'schema_version' is missing", f"add 'schema_version: {SCHEMA_VERSION}' as the first line")
        )
    elif version != SCHEMA_VERSION:
        problems.append(
            Problem(
                path,
                loaded.line_of(("schema_version",)),
                f"this file says schema_version {version!r}, but this release reads version {SCHEMA_VERSION}",
                f"write 'schema_version: {SCHEMA_VERSION}', and check the release notes for what changed",
            )
        )
    kind = data.get("type")
    model_cls = MODELS.get(kind) if isinstance(kind, str) else None
    if model_cls is None:
        line = loaded.line_of(("type",)) if "type" in data else 1
        what = f"'type: {kind}' is not a content type" if kind is not None else "'type' is missing"
        problems.append(Problem(path, line, what, f"use one of: {', '.join(sorted(MODELS))}"))
        return ParsedFile(loaded, None), problems
    if problems:  # a wrong version would repeat as a model error; say it once
        data = {**data, "schema_version": SCHEMA_VERSION}
    try:
        model = model_cls.model_validate(data)
    except ValidationError as err:
        for error in err.errors(include_url=False):
            loc = tuple(error.get("loc", ()))
            message, hint = describe(dict(error), model_cls)
            problems.append(Problem(path, loaded.line_of(loc), message, hint))
        return ParsedFile(loaded, None), problems
    problems.extend(_file_rules(model, loaded))
    return ParsedFile(loaded, model), problems


def _duplicates(items: Iterable[str]) -> list[str]:
    return [item for item, count in Counter(items).items() if count > 1]


def _file_rules(model: ContentFile, loaded: LoadedFile) -> list[Problem]:
    """Rules inside one file that the models cannot express."""
    path = loaded.path
    found: list[Problem] = []

    def dup_ids(items: list, key: str) -> None:
        ids = [item.id for item in items]
        for dup in _duplicates(ids):
            index = len(ids) - 1 - ids[::-1].index(dup)
            found.append(
                Problem(
                    path,
                    loaded.line_of((key, index, "id")),
                    f"the id '{dup}' is used twice in '{key}'",
                    "every id must be unique; rename one of them",
                )
            )

    def disclosure(text: str, loc: tuple[str | int, ...], what: str) -> None:
        match = _DISCLOSURE.search(text)
        if match:
            found.append(
                Problem(
                    path,
                    loaded.line_of(loc),
                    f'{what} asks about the learner\'s own past ("{match.group(0)}")',
                    "ask about the composite characters, roles, organizations or future practice",
                )
            )

    if isinstance(model, Registry):
        dup_ids(model.modules, "modules")
    elif isinstance(model, Module):
        dup_ids(model.activities, "activities")
        found.extend(_outline_rules(model, loaded))
        total = sum(a.minutes for a in model.activities)
        if total != model.activity_minutes:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("activity_minutes",)),
                    f"activity_minutes is {model.activity_minutes}, but the activities add up to {total}",
                    f"set activity_minutes to {total}, or change the activities' minutes",
                    "warning",
                )
            )
    elif isinstance(model, Comparison):
        dup_ids(model.columns, "columns")
        dup_ids(model.rows, "rows")
        columns = [c.id for c in model.columns]
        for i, row in enumerate(model.rows):
            missing = [c for c in columns if c not in row.cells]
            extra = [c for c in row.cells if c not in columns]
            if missing:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("rows", i, "cells")),
                        f"row '{row.id}' has no cell for {', '.join(missing)}",
                        "add a line for each column under 'cells'",
                    )
                )
            for c in extra:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("rows", i, "cells", c)),
                        f"row '{row.id}' has a cell '{c}', but there is no such column",
                        f"use one of the column ids: {', '.join(columns)}",
                    )
                )
    elif isinstance(model, Classification):
        dup_ids(model.vignettes, "vignettes")
        for i, vignette in enumerate(model.vignettes):
            if vignette.answer in vignette.other_choices:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("vignettes", i, "other_choices", vignette.answer)),
                        f"'other_choices' of '{vignette.id}' has a note for '{vignette.answer}', "
                        "which is the answer itself",
                        "notes under other_choices are for the levels that are not the answer",
                    )
                )
    elif isinstance(model, Escalation):
        dup_ids(model.steps, "steps")
    elif isinstance(model, Reflection):
        dup_ids(model.prompts, "prompts")
        for i, prompt in enumerate(model.prompts):
            disclosure(prompt.text, ("prompts", i, "text"), f"prompt '{prompt.id}'")
    elif isinstance(model, Questions):
        dup_ids(model.items, "items")
        for i, item in enumerate(model.items):
            if item.think_first:
                disclosure(item.think_first, ("items", i, "think_first"), f"the think_first prompt of '{item.id}'")
    elif isinstance(model, ApologyWorkshop):
        dup_ids(model.fragments, "fragments")
    elif isinstance(model, RepairPlan):
        found.extend(_repair_plan_rules(model, loaded))
    elif isinstance(model, Scenario):
        found.extend(_scenario_rules(model, loaded))
    elif isinstance(model, Cycle):
        ids = [stage.id for stage in model.stages]
        if ids != list(STAGES):
            found.append(
                Problem(
                    path,
                    loaded.line_of(("stages",)),
                    "the seven stages are not all there, or not in the report's order",
                    "list them in this order: " + ", ".join(STAGES),
                )
            )
        dup_ids(model.interventions, "interventions")
    elif isinstance(model, Responses):
        dup_ids(model.situations, "situations")
        for i, situation in enumerate(model.situations):
            kinds = {option.centers_agency for option in situation.options}
            if kinds != {True, False}:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("situations", i, "options")),
                        f"situation '{situation.id}' needs at least one option that centers the "
                        "survivor's agency and one that does not",
                        "set centers_agency: true on one option and false on another",
                    )
                )
            option_ids = [o.id for o in situation.options]
            for dup in _duplicates(option_ids):
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("situations", i, "options")),
                        f"the option id '{dup}' is used twice in situation '{situation.id}'",
                        "every id must be unique; rename one of them",
                    )
                )
    elif isinstance(model, Resources):
        dup_ids(model.resources, "resources")
        today = dt.date.today()
        for i, res in enumerate(model.resources):
            line = loaded.line_of(("resources", i, "last_verified"))
            if res.last_verified > today:
                found.append(
                    Problem(
                        path,
                        line,
                        f"'{res.id}' was last verified on a date in the future",
                        "write the date someone really checked it",
                    )
                )
            elif (today - res.last_verified).days > STALE_AFTER_DAYS:
                found.append(
                    Problem(
                        path,
                        line,
                        f"'{res.id}' was last verified on {res.last_verified}, more than a year ago",
                        "check the contacts and hours again, then update last_verified",
                        "warning",
                    )
                )
    return found


def _outline_rules(module: Module, loaded: LoadedFile) -> list[Problem]:
    """The outline names real sections and activities, shows every activity once, every section."""
    path = loaded.path
    found: list[Problem] = []
    activity_ids = [a.id for a in module.activities]
    seen_activities: list[str] = []
    seen_sections: set[str] = set()
    seen_parts: set[str] = set()
    for i, item in enumerate(module.outline):
        if item.activity is not None:
            if item.activity not in activity_ids:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("outline", i, "activity")),
                        f"the outline shows an activity '{item.activity}', but there is no such activity",
                        "use one of the ids under 'activities': " + ", ".join(activity_ids),
                    )
                )
            elif item.activity in seen_activities:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("outline", i, "activity")),
                        f"the outline shows the activity '{item.activity}' twice",
                        "keep one of the two lines",
                    )
                )
            seen_activities.append(item.activity)
        elif item.section is not None:
            if item.section not in module.sections:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("outline", i, "section")),
                        f"the outline shows a section '{item.section}', but there is no such section",
                        "use one of the ids under 'sections': " + (", ".join(module.sections) or "(none yet)"),
                    )
                )
            seen_sections.add(item.section)
        elif item.part is not None:
            if item.part in seen_parts:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("outline", i, "part")),
                        f"the outline shows the {item.part} part twice",
                        "keep one of the two lines",
                    )
                )
            seen_parts.add(item.part)
    for activity_id in activity_ids:
        if activity_id not in seen_activities:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("outline",)),
                    f"the activity '{activity_id}' is not in the outline, so trainees would never see it",
                    f"add a line '- activity: {activity_id}' where it belongs in the outline",
                )
            )
    for section_id in module.sections:
        if section_id not in seen_sections:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("sections", section_id)),
                    f"the section '{section_id}' is not in the outline, so trainees will not see it",
                    f"add a line '- section: {section_id}' to the outline, or delete the section",
                    "warning",
                )
            )
    return found


def _repair_plan_rules(plan: RepairPlan, loaded: LoadedFile) -> list[Problem]:
    """The four parts and three levels in order, unique suggestion ids, every part and level covered."""
    path = loaded.path
    found: list[Problem] = []
    for key, expected, actual in (
        ("parts", PARTS, [part.id for part in plan.parts]),
        ("levels", REPAIR_LEVELS, [level.id for level in plan.levels]),
    ):
        if actual != list(expected):
            found.append(
                Problem(
                    path,
                    loaded.line_of((key,)),
                    f"the {key} are not all there, or not in the report's order",
                    "list them in this order: " + ", ".join(expected),
                )
            )
    ids = [s.id for s in plan.suggestions]
    for dup in _duplicates(ids):
        at = len(ids) - 1 - ids[::-1].index(dup)
        found.append(
            Problem(
                path,
                loaded.line_of(("suggestions", at, "id")),
                f"the suggestion id '{dup}' is used twice",
                "every suggestion needs its own id; rename one of them",
            )
        )
    for what, wanted, used in (
        ("part", PARTS, {s.part for s in plan.suggestions}),
        ("level", REPAIR_LEVELS, {s.level for s in plan.suggestions}),
    ):
        for missing in (item for item in wanted if item not in used):
            found.append(
                Problem(
                    path,
                    loaded.line_of(("suggestions",)),
                    f"no suggestion is for the {what} '{missing}', so a trainee could not plan it",
                    f"add a suggestion with '{what}: {missing}'",
                )
            )
    return found


def _scenario_rules(scenario: Scenario, loaded: LoadedFile) -> list[Problem]:
    """The scenario graph: links point to real nodes, every node is reachable and can reach an ending."""
    path = loaded.path
    found: list[Problem] = []
    ids = [node.id for node in scenario.nodes]
    index = {node_id: i for i, node_id in enumerate(ids)}
    for dup in _duplicates(ids):
        at = len(ids) - 1 - ids[::-1].index(dup)
        found.append(
            Problem(
                path,
                loaded.line_of(("nodes", at, "id")),
                f"the node id '{dup}' is used twice",
                "every node needs its own id; rename one of them",
            )
        )
    if scenario.start not in index:
        found.append(
            Problem(
                path,
                loaded.line_of(("start",)),
                f"'start' names '{scenario.start}', which is not a node",
                f"use one of the node ids: {', '.join(ids[:8])}",
            )
        )
    for i, node in enumerate(scenario.nodes):
        if node.ending is None and not node.choices:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("nodes", i, "id")),
                    f"node '{node.id}' has no choices and is not an ending, so the scenario stops there",
                    "add choices, or an 'ending' with a title, kind and debrief",
                )
            )
        if node.ending is not None and node.choices:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("nodes", i, "ending")),
                    f"node '{node.id}' is an ending but also has choices",
                    "remove the choices, or remove 'ending'",
                )
            )
        choice_ids = [c.id for c in node.choices]
        for dup in _duplicates(choice_ids):
            found.append(
                Problem(
                    path,
                    loaded.line_of(("nodes", i, "choices")),
                    f"the choice id '{dup}' is used twice in node '{node.id}'",
                    "rename one of them",
                )
            )
        for j, choice in enumerate(node.choices):
            if choice.goes_to not in index:
                close = difflib.get_close_matches(choice.goes_to, ids, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "point it to an existing node id"
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("nodes", i, "choices", j, "goes_to")),
                        f"choice '{choice.id}' goes to '{choice.goes_to}', but there is no such node",
                        hint,
                    )
                )
    if scenario.start in index:
        reach = reachable(scenario)
        for i, node in enumerate(scenario.nodes):
            if node.id not in reach:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("nodes", i, "id")),
                        f"node '{node.id}' cannot be reached from the start",
                        "add a choice that goes to it, or remove it",
                    )
                )
        endings = can_reach_an_ending(scenario)
        if not any(node.ending for node in scenario.nodes):
            found.append(
                Problem(
                    path,
                    loaded.line_of(("nodes",)),
                    "this scenario has no ending",
                    "give at least one node an 'ending' with a title, kind and debrief",
                )
            )
        else:
            for i, node in enumerate(scenario.nodes):
                if node.id in reach and node.id not in endings:
                    found.append(
                        Problem(
                            path,
                            loaded.line_of(("nodes", i, "id")),
                            f"from node '{node.id}' no ending can be reached: a trainee would go round in circles",
                            "give one of its choices (or a later node's) a way to an ending",
                        )
                    )
    return found


def validate_file(path: Path) -> ValidationReport:
    """Validate a single file on its own (cross-file rules need the whole folder)."""
    report = ValidationReport(root=path.parent)
    parsed, problems = check_file(path)
    report.problems.extend(problems)
    if parsed is not None:
        report.files[path] = parsed
    return report


def validate_content_dir(
    root: Path, *, guides: Path | None = None, adaptations: Path | None = None, locales: bool = True
) -> ValidationReport:
    """Validate every YAML file under ``root`` and the rules between them.

    ``guides``: a folder of facilitator guides to check against this content as well. Only
    ``harm-repair validate`` passes it (the folder beside the content folder); the pages do
    not, so loading a page never reads the guides. ``adaptations``: a folder of adaptation
    records, passed the same way. ``locales``: also check the translations under
    ``locales/`` (the pages check only the language they show, see ``curriculum.content``).
    """
    report = ValidationReport(root=root)
    registry_path = root / REGISTRY_FILE
    if not registry_path.is_file():
        report.problems.append(
            Problem(
                registry_path,
                1,
                f"there is no {REGISTRY_FILE} in {root}",
                "run the check on the content folder, which holds curriculum.yaml",
            )
        )
        return report
    translations = root / "locales"  # content/locales/<language>/: checked against the English files below
    for path in sorted(root.rglob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml") or translations in path.parents:
            continue
        parsed, problems = check_file(path)
        report.problems.extend(problems)
        if parsed is not None:
            report.files[path] = parsed
    report.problems.extend(_registry_rules(root, report))
    if locales and translations.is_dir():
        from .i18n_content import locale_problems  # imported here: curriculum.i18n_content imports this module

        report.problems.extend(locale_problems(root, report))
    if guides is not None and guides.is_dir():
        from .guides import check_guides  # imported here: curriculum.guides imports this module

        checked = check_guides(guides, root, report)
        report.problems.extend(checked.problems)
        report.guides = sorted(checked.guides)
    if adaptations is not None and adaptations.is_dir():
        from .adaptations import check_adaptations  # imported here: curriculum.adaptations imports this module

        records = check_adaptations(adaptations, root, report)
        report.problems.extend(records.problems)
        report.adaptations = sorted(records.records)
    report.problems.sort(key=lambda p: (str(p.path), p.line))
    return report


def _model(report: ValidationReport, path: Path) -> ContentFile | None:
    parsed = report.files.get(path)
    return parsed.model if parsed else None


def _registry_rules(root: Path, report: ValidationReport) -> list[Problem]:
    """Rules that follow the registry: files exist, ids match, activities find their content."""
    from .paths import modules_dir

    reg_path = root / REGISTRY_FILE
    registry = _model(report, reg_path)
    if not isinstance(registry, Registry):
        return []
    loaded = report.files[reg_path].loaded
    found: list[Problem] = []
    named: set[Path] = {reg_path}

    def named_file(rel: str, loc: tuple[str | int, ...], expected: set[str]) -> ContentFile | None:
        path = root / rel
        named.add(path)
        line = loaded.line_of(loc)
        if not path.is_file():
            found.append(
                Problem(
                    reg_path,
                    line,
                    f"the file '{rel}' does not exist",
                    "check the path; it is relative to the content folder",
                )
            )
            return None
        model = _model(report, path)
        kind = getattr(model, "type", None)
        if model is not None and kind not in expected:
            found.append(
                Problem(
                    reg_path,
                    line,
                    f"'{rel}' is a '{kind}' file here, where {' or '.join(sorted(expected))} is expected",
                    "point to the right file",
                )
            )
        return model

    named_file(registry.resources, ("resources",), {"resources"})
    for i, entry in enumerate(registry.modules):
        module = named_file(entry.metadata, ("modules", i, "metadata"), {"module"})
        notebook = modules_dir() / entry.notebook
        if not notebook.is_file():
            found.append(
                Problem(
                    reg_path,
                    loaded.line_of(("modules", i, "notebook")),
                    f"the notebook '{entry.notebook}' is not in the modules folder",
                    "check the file name, or create the notebook from an existing module",
                )
            )
        contents: dict[str, tuple[ContentFile, str]] = {}
        for j, rel in enumerate(entry.content):
            model = named_file(rel, ("modules", i, "content", j), ACTIVITY_TYPES)
            if model is not None:
                content_id = getattr(model, "id", "")
                if content_id in contents:
                    found.append(
                        Problem(
                            reg_path,
                            loaded.line_of(("modules", i, "content", j)),
                            f"two files of module '{entry.id}' have the id '{content_id}'",
                            "give each file its own id",
                        )
                    )
                contents[content_id] = (model, rel)
        if not isinstance(module, Module):
            continue
        module_path = root / entry.metadata
        module_loaded = report.files[module_path].loaded
        if module.id != entry.id:
            found.append(
                Problem(
                    module_path,
                    module_loaded.line_of(("id",)),
                    f"this module's id is '{module.id}', but curriculum.yaml calls it '{entry.id}'",
                    "use the same id in both files",
                )
            )
        for k, activity in enumerate(module.activities):
            target = contents.get(activity.uses)
            line = module_loaded.line_of(("activities", k, "uses"))
            if target is None:
                known = ", ".join(sorted(contents)) or "none"
                found.append(
                    Problem(
                        module_path,
                        line,
                        f"activity '{activity.id}' uses '{activity.uses}', which is not among the "
                        f"content files curriculum.yaml lists for this module",
                        f"use one of: {known}; or add the file to the module's content in curriculum.yaml",
                    )
                )
            elif getattr(target[0], "type", "") != file_type_of(activity.kind):
                found.append(
                    Problem(
                        module_path,
                        line,
                        f"activity '{activity.id}' is a '{activity.kind}', but '{target[1]}' is a "
                        f"'{getattr(target[0], 'type', '')}' file",
                        f"make the activity's kind match its content file (kind '{activity.kind}' shows "
                        f"files of type '{file_type_of(activity.kind)}')",
                    )
                )
        found.extend(_apology_rules_rules(root, report, entry, contents))
    report.drafts = sorted(p for p in report.files if p not in named)
    return found


def _apology_rules_rules(
    root: Path, report: ValidationReport, entry: ModuleEntry, contents: dict[str, tuple[ContentFile, str]]
) -> list[Problem]:
    """Each apology workshop names an apology-rules file that its module lists in curriculum.yaml."""
    found: list[Problem] = []
    for model, rel in contents.values():
        if not isinstance(model, ApologyWorkshop):
            continue
        target = contents.get(model.rules)
        kind = getattr(target[0], "type", "") if target else ""
        if kind == "apology-rules":
            continue
        where = root / rel
        line = report.files[where].loaded.line_of(("rules",))
        if target is not None:
            found.append(
                Problem(
                    where,
                    line,
                    f"'rules' names '{model.rules}', but '{target[1]}' is a '{kind}' file, not apology rules",
                    "name the id of an 'apology-rules' file of this module",
                )
            )
            continue
        # The rules file may exist without being listed, or be listed but not valid (its own problems say
        # why); find it by its type and id in the raw data.
        candidates = sorted(
            path.relative_to(root).as_posix()
            for path, parsed in report.files.items()
            if isinstance(parsed.loaded.data, dict)
            and parsed.loaded.data.get("type") == "apology-rules"
            and parsed.loaded.data.get("id") == model.rules
        )
        if any(rel in entry.content for rel in candidates):
            continue
        hint = (
            f"add '{candidates[0]}' to the content of module '{entry.id}' in curriculum.yaml"
            if candidates
            else f"create an apology-rules file with 'id: {model.rules}' and add it to the content of "
            f"module '{entry.id}' in curriculum.yaml, or fix the id"
        )
        found.append(
            Problem(
                where,
                line,
                f"'rules' names '{model.rules}', but no apology-rules file with that id is listed for "
                f"module '{entry.id}' in curriculum.yaml",
                hint,
            )
        )
    return found


def validate_path(path: Path, *, guides: Path | None = None, adaptations: Path | None = None) -> ValidationReport:
    """Validate a content folder (with cross-file rules, and the ``guides`` folder when given) or a single file.

    A ``.md`` file is a facilitator guide, and an adaptation record is a record; both are checked
    against the content folder.
    """
    if path.is_dir():
        return validate_content_dir(path, guides=guides, adaptations=adaptations)
    if path.suffix == ".md":
        from .guides import validate_guide_file

        return validate_guide_file(path)
    from .i18n_content import validate_translation_file

    translated = validate_translation_file(path)  # a translation is checked against its English file
    if translated is not None:
        return translated
    from .adaptations import is_adaptation_record, validate_adaptation_file

    if is_adaptation_record(path):
        return validate_adaptation_file(path)
    return validate_file(path)
