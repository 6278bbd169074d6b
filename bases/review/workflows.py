"""The default review workflow of each base type (Art. 5–7), created by migration 0007 and
editable afterwards in the admin (设置 → 工作流程, 任务; 认定申报 → 审核流程设置).

Both functions take an app registry so that the migration can run them on historical models.
"""

# (key, task model, name, extra fields). Tasks are shared between workflows where the step is
# the same, so that the department configures it once.
TASKS = [
    ("agenda", "consultationagendatask", "厅市会商议题确认", {}),
    ("recommend", "recommendingdepartmentreviewtask", "推荐部门审核", {}),
    ("experts", "expertreviewtask", "专家评审", {"pass_mark": 70, "minimum_experts": 3}),
    ("inspection", "siteinspectiontask", "实地考察", {}),
    ("assessment", "siteinspectiontask", "申报机构考核", {}),
    ("decision", "decisiontask", "认定决定", {}),
    ("publicity", "publicitytask", "认定公示", {"period_working_days": 5}),
]

WORKFLOWS = {
    # Art. 5: consultation agenda → expert review and site inspection → approval and plaque.
    "innovation_park": (
        "国际创新园认定审核",
        ["agenda", "experts", "inspection", "decision", "publicity"],
    ),
    # Art. 6: recommendation → expert review of materials and assessment → approval.
    "technology_transfer_center": (
        "国际技术转移中心认定审核",
        ["recommend", "experts", "assessment", "decision", "publicity"],
    ),
    # Art. 7: recommendation → expert review and assessment → accreditation.
    "demonstration_base": (
        "示范型国际科技合作基地认定审核",
        ["recommend", "experts", "assessment", "decision", "publicity"],
    ),
}


def create_review_workflows(apps):
    """Create the tasks, the three workflows and the type → workflow mapping (idempotent)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ApplicationWorkflow = apps.get_model("bases", "ApplicationWorkflow")
    if ApplicationWorkflow.objects.exists():
        return

    tasks = {}
    for key, model_name, name, extra in TASKS:
        model = apps.get_model("bases", model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label="bases", model=model_name)
        tasks[key] = model.objects.create(name=name, content_type=content_type, **extra)

    for base_type, (name, steps) in WORKFLOWS.items():
        workflow = Workflow.objects.create(name=name, active=True)
        for order, key in enumerate(steps):
            WorkflowTask.objects.create(workflow=workflow, task=tasks[key], sort_order=order)
        ApplicationWorkflow.objects.create(base_type=base_type, workflow=workflow)


# The annual report's workflow (Art. 13), the same for plans and summaries.
ANNUAL_REPORT_TASKS = [
    ("annualrecommendingreviewtask", "推荐部门审核年度报告"),
    ("annualfilingtask", "科技厅备案"),
]


def create_snippet_workflow(apps, model_name, name, tasks):
    """Create workflow ``name`` with ``tasks`` ([(task model, task name)], in order),
    assigned to the snippet ``model_name`` as Wagtail assigns workflows to snippet types
    (设置 → 工作流程). Idempotent: nothing happens if the snippet has a workflow already."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    snippet_type, _ = ContentType.objects.get_or_create(app_label="bases", model=model_name)
    if WorkflowContentType.objects.filter(content_type=snippet_type).exists():
        return
    workflow = Workflow.objects.create(name=name, active=True)
    WorkflowContentType.objects.create(workflow=workflow, content_type=snippet_type)
    for order, (task_model, task_name) in enumerate(tasks):
        model = apps.get_model("bases", task_model)
        content_type, _ = ContentType.objects.get_or_create(app_label="bases", model=task_model)
        task = model.objects.create(name=task_name, content_type=content_type)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)


def create_annual_report_workflow(apps):
    """The workflow 「年度报告审核」 and its two tasks (Art. 13)."""
    create_snippet_workflow(apps, "annualreport", "年度报告审核", ANNUAL_REPORT_TASKS)


def create_revocation_workflow(apps):
    """The workflow 「撤销国合基地资格」: the leadership's confirmation (Art. 12, 14)."""
    create_snippet_workflow(
        apps,
        "revocation",
        "撤销国合基地资格",
        [("revocationconfirmationtask", "领导小组确认撤销")],
    )


def create_assessment_workflows(apps):
    """The workflows 「年度考核结果确认」 (the leadership confirms a round's results) and
    「整改复评」 (staff re-evaluate a rectification), Art. 9 and 12."""
    create_snippet_workflow(
        apps,
        "assessmentround",
        "年度考核结果确认",
        [("assessmentconfirmationtask", "领导小组确认考核结果")],
    )
    create_snippet_workflow(apps, "rectification", "整改复评", [("reevaluationtask", "整改复评")])


def create_change_report_workflow(apps):
    """The workflow 「重大变更报告」: the recommending department, then staff decide (Art. 14)."""
    create_snippet_workflow(
        apps,
        "changereport",
        "重大变更报告",
        [
            ("recommendingdepartmentchangereviewtask", "推荐部门审核重大变更报告"),
            ("departmentchangedecisiontask", "科技厅审定重大变更"),
        ],
    )
