from django.apps import AppConfig
from django.db.models.signals import post_migrate

#: Tables that only grow (triggers from migration 0004, re-created after every migrate).
APPEND_ONLY = ("monitoring_monitoringtransitionrecord",)


class MonitoringConfig(AppConfig):
    name = "jixiao.web.monitoring"
    label = "monitoring"
    verbose_name = "绩效运行监控"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao.web.declarations.appendonly import reinstaller

        post_migrate.connect(reinstaller(APPEND_ONLY), sender=self, weak=False)
