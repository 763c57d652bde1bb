from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeclarationsConfig(AppConfig):
    name = "jixiao.web.declarations"
    label = "declarations"
    verbose_name = "绩效目标申报"

    def ready(self) -> None:
        from jixiao.web.declarations.appendonly import reinstall_after_migrate

        post_migrate.connect(reinstall_after_migrate, sender=self)
