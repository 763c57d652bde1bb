from django.apps import AppConfig
from django.db.models.signals import post_migrate

#: Tables that only grow (triggers from migration 0002, re-created after every migrate).
APPEND_ONLY = ("evaluation_evaluationevent",)


class EvaluationConfig(AppConfig):
    name = "jixiao.web.evaluation"
    label = "evaluation"
    verbose_name = "绩效自评"

    def ready(self) -> None:
        from jixiao.web.declarations.appendonly import reinstaller

        post_migrate.connect(reinstaller(APPEND_ONLY), sender=self, weak=False)
