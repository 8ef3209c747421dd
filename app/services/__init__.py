"""Use cases. ``Services`` is the composition root's bag of them, all bound to one context (actor)."""

from __future__ import annotations

from functools import cached_property

from app.db import Database
from app.services.context import SYSTEM, Actor, ServiceContext
from app.signin import PendingSignIn


class Services:
    """Every service, created on first use and bound to the same database and operator."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @classmethod
    def open(cls, db: Database, actor: Actor = SYSTEM) -> Services:
        return cls(ServiceContext(db, actor))

    def as_actor(self, actor: Actor | PendingSignIn) -> Services:
        return Services(self.ctx.as_actor(actor))

    @property
    def db(self) -> Database:
        return self.ctx.db

    @cached_property
    def archive(self):
        from app.services.archive import ArchiveService

        return ArchiveService(self.ctx)

    @cached_property
    def bank_agreements(self):
        from app.services.bank import BankAgreementService

        return BankAgreementService(self.ctx)

    @cached_property
    def bank_profiles(self):
        from app.services.bank import BankProfileService

        return BankProfileService(self.ctx)

    @cached_property
    def bank(self):
        from app.services.bank import BankCollectionService

        return BankCollectionService(self.ctx)

    @cached_property
    def roster(self):
        from app.services.roster import RosterService

        return RosterService(self.ctx)

    @cached_property
    def roster_export(self):
        from app.services.roster_export import RosterExportService

        return RosterExportService(self.ctx)

    @cached_property
    def auth(self):
        from app.services.auth import AuthService

        return AuthService(self.ctx)

    @cached_property
    def users(self):
        from app.services.users import UserService

        return UserService(self.ctx)

    @cached_property
    def audit(self):
        from app.services.audit import AuditService

        return AuditService(self.ctx)

    @cached_property
    def backup(self):
        from app.services.backup import BackupService

        return BackupService(self.ctx)

    @cached_property
    def staff(self):
        from app.services.staff import StaffService

        return StaffService(self.ctx)

    @cached_property
    def dbcopy(self):
        from app.services.dbcopy import DatabaseCopyService

        return DatabaseCopyService(self.ctx)

    @cached_property
    def setup(self):
        from app.services.setup import SetupService

        return SetupService(self.ctx)

    @cached_property
    def property(self):
        from app.services.property import PropertyService

        return PropertyService(self.ctx)

    @cached_property
    def workorders(self):
        from app.services.workorders import WorkOrderService

        return WorkOrderService(self.ctx)

    @cached_property
    def service_calendar(self):
        from app.services.service_calendar import ServiceCalendarService

        return ServiceCalendarService(self.ctx)

    @cached_property
    def billing(self):
        from app.services.fees_billing import BillingService

        return BillingService(self.ctx)

    @cached_property
    def payments(self):
        from app.services.fees_payments import PaymentService

        return PaymentService(self.ctx)

    @cached_property
    def fee_reports(self):
        from app.services.fees_reports import FeeReportService

        return FeeReportService(self.ctx)

    @cached_property
    def fees_check(self):
        from app.services.fees_check import LedgerCheckService

        return LedgerCheckService(self.ctx)

    @cached_property
    def periods(self):
        from app.services.fees_periods import PeriodCloseService

        return PeriodCloseService(self.ctx)

    @cached_property
    def meters(self):
        from app.services.fees_meters import MeterService

        return MeterService(self.ctx)

    @cached_property
    def shared_meters(self):
        from app.services.fees_shared import SharedMeterService

        return SharedMeterService(self.ctx)

    @cached_property
    def dashboard(self):
        from app.services.dashboard import DashboardService

        return DashboardService(self.ctx)

    @cached_property
    def visitors(self):
        from app.services.visitors import VisitorService

        return VisitorService(self.ctx)

    @cached_property
    def vehicles(self):
        from app.services.vehicles import VehicleService

        return VehicleService(self.ctx)

    @cached_property
    def patrols(self):
        from app.services.patrols import PatrolService

        return PatrolService(self.ctx)

    @cached_property
    def duty_log(self):
        from app.services.duty_log import DutyLogService

        return DutyLogService(self.ctx)

    @cached_property
    def incidents(self):
        from app.services.incidents import IncidentService

        return IncidentService(self.ctx)

    @cached_property
    def outages(self):
        from app.services.outages import OutageService

        return OutageService(self.ctx)

    @cached_property
    def violations(self):
        from app.services.violations import ViolationService

        return ViolationService(self.ctx)

    @cached_property
    def keys_parcels(self):
        from app.services.keys_parcels import KeysParcelsService

        return KeysParcelsService(self.ctx)

    @cached_property
    def training(self):
        from app.services.training import TrainingService

        return TrainingService(self.ctx)

    @cached_property
    def equipment(self):
        from app.services.equipment import EquipmentService

        return EquipmentService(self.ctx)

    @cached_property
    def vendors(self):
        from app.services.vendors import VendorService

        return VendorService(self.ctx)

    @cached_property
    def cleaning(self):
        from app.services.cleaning import CleaningService

        return CleaningService(self.ctx)

    @cached_property
    def inspections(self):
        from app.services.cleaning import InspectionService

        return InspectionService(self.ctx)

    @cached_property
    def garbage(self):
        from app.services.garbage import GarbageService

        return GarbageService(self.ctx)

    @cached_property
    def greening(self):
        from app.services.greening import GreeningService

        return GreeningService(self.ctx)

    @cached_property
    def annual_plan(self):
        from app.services.annual_plan import AnnualPlanService

        return AnnualPlanService(self.ctx)

    @cached_property
    def costs(self):
        from app.services.costs import CostService

        return CostService(self.ctx)

    @cached_property
    def monthly_report(self):
        from app.services.monthly_report import MonthlyReportService

        return MonthlyReportService(self.ctx)

    @cached_property
    def relations(self):
        from app.services.relations import RelationService

        return RelationService(self.ctx)

    @cached_property
    def activities(self):
        from app.services.activities import ActivityService

        return ActivityService(self.ctx)

    @cached_property
    def surveys(self):
        from app.services.surveys import SurveyService

        return SurveyService(self.ctx)

    @cached_property
    def maintenance(self):
        from app.services.maintenance import MaintenanceService

        return MaintenanceService(self.ctx)

    @cached_property
    def inventory(self):
        from app.services.inventory import InventoryService

        return InventoryService(self.ctx)

    @cached_property
    def repair_plans(self):
        from app.services.repair_plans import RepairPlanService

        return RepairPlanService(self.ctx)

    @cached_property
    def takeover(self):
        from app.services.takeover import TakeoverService

        return TakeoverService(self.ctx)
