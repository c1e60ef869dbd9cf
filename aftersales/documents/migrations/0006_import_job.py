# The ZIP imports share aftersales.portal.imports.ImportJob (as campaigns, parts and the others
# do): the manifest lines read become progress_done of progress_total (the manifest's lines) and
# lines_read.

from django.db import migrations, models
from django.db.models import F


def lines_read(apps, schema_editor):
    DocumentImport = apps.get_model("documents", "DocumentImport")
    DocumentImport.objects.update(lines_read=F("progress_done"))


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0005_search_by_vehicle'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='documentimport',
            options={'ordering': ['-created_at', '-id'], 'verbose_name': 'document import', 'verbose_name_plural': 'document imports'},
        ),
        migrations.RenameField('documentimport', 'rows_done', 'progress_done'),
        migrations.RenameField('documentimport', 'rows_total', 'progress_total'),
        migrations.AlterField(
            model_name='documentimport',
            name='progress_done',
            field=models.PositiveBigIntegerField(default=0, verbose_name='read so far'),
        ),
        migrations.AlterField(
            model_name='documentimport',
            name='progress_total',
            field=models.PositiveBigIntegerField(default=0, verbose_name='to read'),
        ),
        migrations.AddField(
            model_name='documentimport',
            name='lines_read',
            field=models.PositiveIntegerField(default=0, verbose_name='lines read'),
        ),
        migrations.RunPython(lines_read, migrations.RunPython.noop, elidable=True),
    ]
