-- AlterTable
ALTER TABLE "NotificationPreference" ADD COLUMN     "inApp" BOOLEAN NOT NULL DEFAULT true;
