# The pack imports share aftersales.portal.imports.ImportJob (as campaigns, parts, documents and
# the others do): status becomes state, the pack's lines (total_lines) progress_total with the
# lines read as progress_done, and a reject's "code" its "value".

import aftersales.clock
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    FaultCodeImport = apps.get_model("faultcodes", "FaultCodeImport")
    FaultCodeImport.objects.update(progress_done=F("lines_read"))
    for job in FaultCodeImport.objects.exclude(rejects=[]).only("rejects"):
        job.rejects = [
            {"line": r.get("line"), "value": r.get("code", r.get("value", "")), "reason": r.get("reason", "")}
            for r in job.rejects
        ]
        job.save(update_fields=["rejects"])


class Migration(migrations.Migration):

    dependencies = [
        ('faultcodes', '0002_workshop_record_base'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField('faultcodeimport', 'status', 'state'),
        migrations.RenameField('faultcodeimport', 'total_lines', 'progress_total'),
        migrations.AddField(
            model_name='faultcodeimport',
            name='progress_done',
            field=models.PositiveBigIntegerField(default=0, verbose_name='read so far'),
        ),
        migrations.AlterField(
            model_name='faultcodeimport',
            name='created_at',
            field=models.DateTimeField(default=aftersales.clock.now, verbose_name='uploaded at'),
        ),
        migrations.AlterField(
            model_name='faultcodeimport',
            name='created_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by'),
        ),
        migrations.AlterField(
            model_name='faultcodeimport',
            name='file',
            field=models.FileField(blank=True, upload_to='fault-code-imports/%Y/', verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='faultcodeimport',
            name='finished_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='finished at'),
        ),
        migrations.AlterField(
            model_name='faultcodeimport',
            name='progress_total',
            field=models.PositiveBigIntegerField(default=0, verbose_name='to read'),
        ),
        migrations.AlterField(
            model_name='faultcodeimport',
            name='rejects',
            field=models.JSONField(blank=True, default=list, verbose_name='rejected lines'),
        ),
        migrations.AlterField(
            model_name='faultcodeimport',
            name='state',
            field=models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='state'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
